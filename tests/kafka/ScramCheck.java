// Authenticates to the fixture's SASL_SSL listener with SCRAM-SHA-512 using Kafka's own Java
// client and asks for the cluster's nodes. Debian 12's librdkafka (2.0.2) cannot log in with SCRAM
// to Kafka 4.x (it repeats the client nonce in its final message, which 4.x brokers reject; fixed
// in librdkafka 2.6.1), so this is how tst_realkafka checks the fixture's SCRAM credentials.
//
//   java -cp "$KAFKA_LIBS/*" ScramCheck.java BOOTSTRAP USER PASSWORD CA_PEM
//
// Exit 0 and "ok: N node(s)" on success, 3 and "authentication failed: ..." when the broker
// rejects the credentials, 1 on any other error. Gives up after 10 s.
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.SaslAuthenticationException;

public class ScramCheck {
  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: ScramCheck BOOTSTRAP USER PASSWORD CA_PEM");
      System.exit(2);
    }
    Properties p = new Properties();
    p.put("bootstrap.servers", args[0]);
    p.put("security.protocol", "SASL_SSL");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put("sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + args[1]
            + "\" password=\"" + args[2] + "\";");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", args[3]);
    p.put("request.timeout.ms", "10000");
    p.put("default.api.timeout.ms", "10000");
    try (Admin admin = Admin.create(p)) {
      int nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
      System.out.println("ok: " + nodes + " node(s)");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SaslAuthenticationException) {
        System.out.println("authentication failed: " + e.getCause().getMessage());
        System.exit(3);
      }
      System.out.println("error: " + e.getCause());
      System.exit(1);
    }
  }
}
