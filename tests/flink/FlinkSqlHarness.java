// Runs a Flink SQL script exported by `streamcanvas-run --export flink-sql` on a Flink MiniCluster
// (local mode, in this JVM) and waits until its job ends (bounded sources) or a time limit.
//
//   java -Xmx1g -cp 'LIBS/*:CLASSES' FlinkSqlHarness SCRIPT.sql...
//
// Scripts run one after the other, each in its own TableEnvironment and job, so one JVM start
// serves several; each job may take SC_FLINK_JOB_TIMEOUT seconds (default 200).
//
// ${VAR} and ${VAR:-default} in the script are replaced from the environment first, as the
// StreamCanvas runner does (the exported script keeps them unresolved). Statements end with ';'
// at the end of a line; an EXECUTE STATEMENT SET BEGIN ... END; block is one statement.
// Exit codes: 0 every job finished, 1 one failed or timed out, 2 usage or an unset variable.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

public final class FlinkSqlHarness {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?\\}");

  static String substitute(String text) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = System.getenv(m.group(1));
      if (value == null || value.isEmpty()) value = m.group(3);
      if (value == null) {
        System.err.println("FlinkSqlHarness: ${" + m.group(1) + "} is not set");
        System.exit(2);
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  static List<String> statements(String script) {
    List<String> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean inSet = false;
    for (String line : script.split("\n", -1)) {
      String trimmed = line.trim();
      if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("--"))) continue;
      current.append(line).append('\n');
      if (trimmed.startsWith("EXECUTE STATEMENT SET")) inSet = true;
      boolean ends = trimmed.endsWith(";") && (!inSet || trimmed.equals("END;"));
      if (ends) {
        String s = current.toString().trim();
        result.add(s.substring(0, s.length() - 1));
        current.setLength(0);
        inSet = false;
      }
    }
    if (current.toString().trim().length() > 0) result.add(current.toString().trim());
    return result;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: FlinkSqlHarness SCRIPT.sql...");
      System.exit(2);
    }
    String limit = System.getenv("SC_FLINK_JOB_TIMEOUT");
    long timeoutSeconds = limit != null ? Long.parseLong(limit) : 200;
    // Jobs mostly wait (for sources to start, checkpoints, the end of input): a few at a time
    // share the two cores better than one after the other.
    String parallel = System.getenv("SC_FLINK_PARALLEL_JOBS");
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
        parallel != null ? Integer.parseInt(parallel) : 3);
    List<java.util.concurrent.Future<?>> jobs = new ArrayList<>();
    for (String path : args)
      jobs.add(pool.submit(() -> {
        long started = System.nanoTime();
        runScript(path, timeoutSeconds);
        System.err.printf("FlinkSqlHarness: %s finished in %.1f s%n", path,
            (System.nanoTime() - started) / 1e9);
        return null;
      }));
    int failed = 0;
    for (java.util.concurrent.Future<?> job : jobs) {
      try {
        job.get();
      } catch (java.util.concurrent.ExecutionException e) {
        System.err.println("FlinkSqlHarness: " + e.getCause());
        e.getCause().printStackTrace();
        ++failed;
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }

  static void runScript(String path, long timeoutSeconds) throws Exception {
    // Comment lines are dropped first: they may mention ${VAR} without using a variable.
    StringBuilder code = new StringBuilder();
    for (String line : Files.readString(Path.of(path)).split("\n", -1))
      if (!line.trim().startsWith("--")) code.append(line).append('\n');
    String script = substitute(code.toString());
    TableEnvironment tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
    // One slot per operator keeps the MiniCluster small; results do not depend on parallelism.
    tables.getConfig().set("parallelism.default", "1");
    TableResult job = null;
    // The SQL client understands SET and statement sets; a TableEnvironment needs them spelled out.
    Pattern set = Pattern.compile("(?s)SET\\s+'((?:[^']|'')*)'\\s*=\\s*'((?:[^']|'')*)'");
    for (String statement : statements(script)) {
      Matcher m = set.matcher(statement);
      if (m.matches()) {
        tables.getConfig().getConfiguration().setString(
            m.group(1).replace("''", "'"), m.group(2).replace("''", "'"));
        continue;
      }
      if (statement.startsWith("EXECUTE STATEMENT SET")) {
        StatementSet inserts = tables.createStatementSet();
        String body = statement.substring(statement.indexOf("BEGIN") + 5, statement.lastIndexOf("END"));
        for (String insert : statements(body)) inserts.addInsertSql(insert);
        job = inserts.execute();
        continue;
      }
      TableResult r = tables.executeSql(statement);
      if (r.getJobClient().isPresent()) job = r;
    }
    if (job == null) {
      throw new IllegalStateException(path + " submitted no job");
    }
    try {
      job.getJobClient().get().getJobExecutionResult().get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      job.getJobClient().get().cancel();
      throw new IllegalStateException(path + " did not finish within " + timeoutSeconds + " s");
    }
  }
}
