<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>HelpMenus</name>
    <message>
        <location filename="../app/designer/HelpMenus.cpp" line="+119"/>
        <source>Zoom around the cursor</source>
        <translation>Um den Mauszeiger zoomen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse wheel</source>
        <translation>Mausrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Middle button drag, or Space + drag</source>
        <translation>Mit der mittleren Maustaste ziehen, oder Leertaste + Ziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select several nodes</source>
        <translation>Mehrere Knoten auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a rectangle on the empty canvas</source>
        <translation>Ein Rechteck auf der leeren Arbeitsfläche aufziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wire two nodes</source>
        <translation>Zwei Knoten verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag from an output port to an input port</source>
        <translation>Von einem Ausgang zu einem Eingang ziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a node</source>
        <translation>Einen Knoten hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag it from the Nodes panel, or double-click it there</source>
        <translation>Aus dem Bereich „Knoten“ ziehen, oder dort doppelklicken</translation>
    </message>
</context>
<context>
    <name>NodeSpec</name>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="+155"/>
        <source>strategy</source>
        <comment>property name</comment>
        <translation>Strategie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempts</source>
        <comment>property name</comment>
        <translation>Versuche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delay</source>
        <comment>property name</comment>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_delay</source>
        <comment>property name</comment>
        <translation>Max. Verzögerung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What happens when a node fails: no restart, a fixed delay between restarts, or a delay that doubles up to max_delay</source>
        <translation>Was beim Ausfall eines Knotens geschieht: kein Neustart, eine feste Verzögerung zwischen Neustarts oder eine Verzögerung, die sich bis max_delay verdoppelt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restarts before the run fails</source>
        <translation>Neustarts, bevor der Lauf fehlschlägt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delay before the first restart</source>
        <translation>Verzögerung vor dem ersten Neustart</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Longest delay (exponential strategy)</source>
        <translation>Längste Verzögerung (Strategie exponential)</translation>
    </message>
    <message>
        <location filename="NodeSpecStrings.cpp" line="+8"/>
        <source>Sinks</source>
        <extracomment>category; category; category</extracomment>
        <translation>Senken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prints every record as one JSON line on standard output.</source>
        <translation>Gibt jeden Datensatz als eine JSON-Zeile auf der Standardausgabe aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records read from JSON keep their text as it came, with the fields set or dropped by map applied; generated records list their fields in order.</source>
        <translation>Aus JSON gelesene Datensätze behalten ihren Text wie geliefert, mit den von Map gesetzten oder entfernten Feldern; erzeugte Datensätze führen ihre Felder in Reihenfolge auf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to print</source>
        <translation>Auszugebende Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drops every record (ends a branch; measures a pipeline without sink cost).</source>
        <translation>Verwirft jeden Datensatz (beendet einen Zweig; misst eine Pipeline ohne die Kosten einer Senke).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to drop</source>
        <translation>Zu verwerfende Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File sink</source>
        <translation>Datei-Senke</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writes records to a file as JSON lines or CSV.</source>
        <translation>Schreibt Datensätze als JSON-Zeilen oder CSV in eine Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A fresh start creates the file, or replaces it (`mode: overwrite`) or refuses to touch an existing one (`mode: fail`). At every checkpoint the file is synced to disk and its length recorded; a run restored from a checkpoint cuts the file back to that length and appends, so every result is in it exactly once. CSV takes its header from the first record&apos;s fields; later fields not in it are left out.

Unlike kafka.sink it has no `on_error`: a file refuses no single record, and a write error (disk full, I/O error) concerns every record after it, so skipping would lose them all silently. Such an error fails the run; a restart resumes from the last checkpoint and cuts the file back to it.</source>
        <oldsource>A fresh start creates the file, or replaces it (`mode: overwrite`) or refuses to touch an existing one (`mode: fail`). At every checkpoint the file is synced to disk and its length recorded; a run restored from a checkpoint cuts the file back to that length and appends, so every result is in it exactly once. CSV takes its header from the first record&apos;s fields; later fields not in it are left out.</oldsource>
        <translation>Ein Neustart legt die Datei an, ersetzt sie (`mode: overwrite`) oder lässt eine vorhandene unangetastet und bricht ab (`mode: fail`). Bei jedem Checkpoint wird die Datei auf die Platte geschrieben und ihre Länge festgehalten; ein aus einem Checkpoint wiederhergestellter Lauf kürzt die Datei auf diese Länge und hängt an, sodass jedes Ergebnis genau einmal darin steht. CSV nimmt die Kopfzeile aus den Feldern des ersten Datensatzes; spätere Felder, die dort fehlen, werden weggelassen.

Anders als kafka.sink hat sie kein `on_error`: Eine Datei weist keinen einzelnen Datensatz zurück, und ein Schreibfehler (Platte voll, E/A-Fehler) betrifft jeden folgenden Datensatz, sodass Überspringen sie alle stillschweigend verlieren würde. Ein solcher Fehler lässt den Lauf fehlschlagen; ein Neustart setzt beim letzten Checkpoint fort und kürzt die Datei auf dessen Länge.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to write</source>
        <translation>Zu schreibende Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>path</source>
        <comment>property name</comment>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File to write (its directory must exist)</source>
        <translation>Zu schreibende Datei (ihr Verzeichnis muss existieren)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>format</source>
        <comment>property name</comment>
        <translation>Format</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>jsonl: one JSON object per line; csv: header row, then one row per record</source>
        <translation>jsonl: ein JSON-Objekt pro Zeile; csv: Kopfzeile, dann eine Zeile pro Datensatz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mode</source>
        <comment>property name</comment>
        <translation>Modus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the file exists at a fresh start (not a restore): overwrite it, or fail the run</source>
        <translation>Wenn die Datei bei einem Neustart (keiner Wiederherstellung) existiert: überschreiben oder den Lauf abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kafka Sink</source>
        <translation>Kafka-Senke</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writes records as JSON messages to a Kafka topic; idempotent, acknowledged before offsets commit.</source>
        <translation>Schreibt Datensätze als JSON-Nachrichten in ein Kafka-Topic; idempotent und bestätigt, bevor Offsets committet werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>connection</source>
        <comment>property name</comment>
        <translation>Cluster-Verbindung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of a Kafka entry under &quot;connections&quot;</source>
        <translation>Name eines Kafka-Eintrags unter „connections“</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>topic</source>
        <comment>property name</comment>
        <translation>Topic</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Topic to write to</source>
        <translation>Topic, in das geschrieben wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key</source>
        <comment>property name</comment>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message key (default: the record&apos;s own key, if any)</source>
        <translation>Nachrichtenschlüssel (Standard: der eigene Schlüssel des Datensatzes, falls vorhanden)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>headers</source>
        <comment>property name</comment>
        <translation>Header</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message headers: keep the incoming ones, drop them, or name -&gt; expression</source>
        <oldsource>Message headers: name -&gt; expression</oldsource>
        <translation>Nachrichten-Header: die eingehenden behalten, verwerfen oder Name -&gt; Ausdruck</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message format</source>
        <translation>Nachrichtenformat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>acks</source>
        <comment>property name</comment>
        <translation>Bestätigungen (acks)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledgements to wait for (all is required by idempotence)</source>
        <translation>Abzuwartende Bestätigungen (Idempotenz erfordert all)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>compression</source>
        <comment>property name</comment>
        <translation>Komprimierung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compression codec</source>
        <translation>Komprimierungsverfahren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>linger</source>
        <comment>property name</comment>
        <translation>Wartezeit (linger)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long to wait to fill batches</source>
        <translation>Wie lange gewartet wird, um Batches zu füllen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idempotence</source>
        <comment>property name</comment>
        <translation>Idempotenz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exactly one copy per message in the topic despite retries</source>
        <translation>Genau eine Kopie jeder Nachricht im Topic, trotz Wiederholungen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sources</source>
        <translation>Quellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File source</source>
        <translation>Datei-Quelle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads JSON lines or CSV (with a header row) from a file, optionally following it.</source>
        <translation>Liest JSON-Zeilen oder CSV (mit Kopfzeile) aus einer Datei und verfolgt sie auf Wunsch weiter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each line is one record; $offset is its line number and $timestamp the time it was read. CSV cells become numbers, true/false or strings, and empty cells null. Invalid lines are counted as errors, the first few logged with file:line, and skipped (or, with on_error = fail, stop the run).</source>
        <translation>Jede Zeile ist ein Datensatz; $offset ist ihre Zeilennummer und $timestamp die Zeit, zu der sie gelesen wurde. CSV-Zellen werden zu Zahlen, true/false oder Zeichenketten, leere Zellen zu null. Ungültige Zeilen werden als Fehler gezählt, die ersten mit Datei:Zeile protokolliert und übersprungen (oder, mit on_error = fail, beenden sie den Lauf).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One record per line</source>
        <translation>Ein Datensatz pro Zeile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File to read (relative paths from the working directory)</source>
        <translation>Zu lesende Datei (relative Pfade ab dem Arbeitsverzeichnis)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>jsonl: one JSON object per line; csv: comma-separated with a header row</source>
        <translation>jsonl: ein JSON-Objekt pro Zeile; csv: kommagetrennt mit Kopfzeile</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>follow</source>
        <comment>property name</comment>
        <translation>Verfolgen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep reading lines appended to the file, like tail -f (never ends)</source>
        <translation>Angehängte Zeilen weiterlesen, wie tail -f (endet nie)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>on_error</source>
        <comment>property name</comment>
        <translation>Bei Fehler</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Produces every record as one JSON message to `topic`, with the record&apos;s event time as the message timestamp. `key` is an expression (default: the record&apos;s own Kafka key). `headers`: `keep` (default) passes the record&apos;s incoming Kafka headers through, `drop` writes none, and an object of name -&gt; expression writes exactly those (an expression reads an incoming header as `$headers.NAME`). `acks`, `compression` and `linger` set the matching librdkafka properties when given; `idempotence` is on by default.

A record the cluster refuses (larger than `message.max.bytes`, invalid) follows `on_error`: `fail` stops the run naming the topic and reason; `skip` drops it; `dead_letter` writes it to `dead_letter_topic` with its key, timestamp and headers plus `sc.error` (the reason) and `sc.topic` (where it was meant to go); a dead letter too large itself keeps the start of the value and its size in `sc.value.bytes`. Skipped and dead-lettered records count as errors (`refused` gauge). A message that cannot be delivered because the cluster is unreachable always fails the run after librdkafka&apos;s retries: nothing is lost, its source offsets stay uncommitted.

Under `delivery: exactly_once` a dead letter is written in the same transaction as the records, so it commits or aborts with them. librdkafka refuses too-large records before sending them, which `skip` and `dead_letter` handle inside the transaction; a record the broker refuses after sending makes the whole transaction abortable, so the run fails and restarts from its last checkpoint: keep the producer&apos;s `message.max.bytes` at or below the topic&apos;s `max.message.bytes` to have every refusal handled per record.

When the run stops while the cluster does not answer, the sink waits at most 5 s for acknowledgements, then ends the run with an error counting the records not delivered.</source>
        <translation>Schreibt jeden Datensatz als eine JSON-Nachricht in `topic`, mit der Ereigniszeit des Datensatzes als Zeitstempel der Nachricht. `key` ist ein Ausdruck (Standard: der eigene Kafka-Schlüssel des Datensatzes). `headers`: `keep` (Standard) reicht die eingehenden Kafka-Header des Datensatzes durch, `drop` schreibt keine, und ein Objekt aus Name -&gt; Ausdruck schreibt genau diese (ein Ausdruck liest einen eingehenden Header als `$headers.NAME`). `acks`, `compression` und `linger` setzen, wenn angegeben, die entsprechenden librdkafka-Eigenschaften; `idempotence` ist standardmäßig an.

Ein Datensatz, den der Cluster zurückweist (größer als `message.max.bytes`, ungültig), folgt `on_error`: `fail` beendet den Lauf und nennt Topic und Grund; `skip` verwirft ihn; `dead_letter` schreibt ihn mit Schlüssel, Zeitstempel und Headern sowie `sc.error` (dem Grund) und `sc.topic` (dem eigentlichen Ziel) in `dead_letter_topic`; ein selbst zu großer Dead Letter behält den Anfang des Werts und dessen Größe in `sc.value.bytes`. Übersprungene und als Dead Letter geschriebene Datensätze zählen als Fehler (Messwert `refused`). Eine Nachricht, die nicht zugestellt werden kann, weil der Cluster nicht erreichbar ist, lässt den Lauf nach den Wiederholungen von librdkafka immer fehlschlagen: Nichts geht verloren, die Offsets ihrer Quelle bleiben uncommittet.

Mit `delivery: exactly_once` wird ein Dead Letter in derselben Transaktion wie die Datensätze geschrieben und mit ihnen committet oder abgebrochen. librdkafka weist zu große Datensätze schon vor dem Senden zurück; das behandeln `skip` und `dead_letter` innerhalb der Transaktion. Ein Datensatz, den der Broker erst nach dem Senden zurückweist, macht die ganze Transaktion abbrechbar, sodass der Lauf fehlschlägt und beim letzten Checkpoint neu startet: Halten Sie `message.max.bytes` des Producers bei oder unter `max.message.bytes` des Topics, damit jede Zurückweisung pro Datensatz behandelt wird.

Endet der Lauf, während der Cluster nicht antwortet, wartet die Senke höchstens 5 s auf Bestätigungen und beendet den Lauf dann mit einem Fehler, der die nicht zugestellten Datensätze zählt.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>A record the cluster refuses (too large, invalid): fail the run, skip it, or write it to dead_letter_topic</source>
        <translation>Ein Datensatz, den der Cluster zurückweist (zu groß, ungültig): den Lauf abbrechen, ihn überspringen oder in dead_letter_topic schreiben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Topic for refused records (on_error: dead_letter), with the reason in header sc.error</source>
        <translation>Topic für zurückgewiesene Datensätze (on_error: dead_letter), mit dem Grund im Header sc.error</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Invalid line: count, log and skip it, or stop the run</source>
        <translation>Ungültige Zeile: zählen, protokollieren und überspringen, oder den Lauf beenden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on_timestamp_error</source>
        <comment>property name</comment>
        <translation>Bei Zeitstempelfehler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A record whose event time (a window&apos;s timestamp) cannot be computed: late (to the window&apos;s late port, or counted and dropped), skip (count and drop) or fail the run. It never moves the watermark</source>
        <translation>Ein Datensatz, dessen Ereigniszeit (der Zeitstempel eines Fensters) sich nicht berechnen lässt: late (an den late-Port des Fensters, oder gezählt und verworfen), skip (zählen und verwerfen) oder den Lauf abbrechen. Er bewegt das Watermark nie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generator</source>
        <translation>Generator</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deterministic synthetic records: sensor readings, page clicks or payments.</source>
        <translation>Deterministische synthetische Datensätze: Sensormesswerte, Seitenklicks oder Zahlungen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same seed, same records. Fields per template (ts is the event time in epoch milliseconds, also the record&apos;s $timestamp):
- sensors: device (d-000..d-015), temperature, humidity, status (ok/warn/error), ts
- clicks: user, page, referrer, ts
- payments: payment_id, account, amount, currency, ts
Event times start at start_time and advance by interval per record, independent of the wall clock, so runs are reproducible.</source>
        <translation>Gleicher Startwert, gleiche Datensätze. Felder je Vorlage (ts ist die Ereigniszeit in Epoch-Millisekunden, zugleich $timestamp des Datensatzes):
- sensors: device (d-000..d-015), temperature, humidity, status (ok/warn/error), ts
- clicks: user, page, referrer, ts
- payments: payment_id, account, amount, currency, ts
Die Ereigniszeiten beginnen bei start_time und rücken je Datensatz um interval vor, unabhängig von der Uhrzeit, sodass Läufe reproduzierbar sind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generated records</source>
        <translation>Erzeugte Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>template</source>
        <comment>property name</comment>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shape of the records</source>
        <translation>Form der Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rate</source>
        <comment>property name</comment>
        <translation>Rate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records per second; 0 = as fast as possible</source>
        <translation>Datensätze pro Sekunde; 0 = so schnell wie möglich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>count</source>
        <comment>property name</comment>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to produce, then end; 0 = unbounded</source>
        <translation>Zu erzeugende Datensätze, danach Ende; 0 = unbegrenzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>seed</source>
        <comment>property name</comment>
        <translation>Startwert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random seed: the same seed gives the same records</source>
        <translation>Startwert des Zufallsgenerators: gleicher Startwert, gleiche Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>start_time</source>
        <comment>property name</comment>
        <translation>Startzeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event time of the first record: ISO-8601 or epoch ms (default 2026-01-01T00:00:00Z)</source>
        <translation>Ereigniszeit des ersten Datensatzes: ISO-8601 oder Epoch-ms (Standard 2026-01-01T00:00:00Z)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>interval</source>
        <comment>property name</comment>
        <translation>Intervall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event time between consecutive records</source>
        <translation>Ereigniszeit zwischen aufeinanderfolgenden Datensätzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kafka Source</source>
        <translation>Kafka-Quelle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads records from Kafka topics; its offsets are part of every checkpoint.</source>
        <translation>Liest Datensätze aus Kafka-Topics; ihre Offsets sind Teil jedes Checkpoints.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consumes `topics` (or every topic matching `topic_pattern`) as consumer group `group_id`. Each record carries `$key`, `$topic`, `$partition`, `$offset`, `$timestamp` and `$headers.NAME`. The position per topic and partition is saved in every checkpoint and a restored run resumes there; `start` applies only to partitions without one. Offsets are committed to the group when a checkpoint completes, so they never run ahead of what every sink has made durable. Transactions are read committed. `bounded` reads every partition up to the end offsets seen when the run starts, then ends the run. With `format: text` the payload is the string field `value`.</source>
        <translation>Konsumiert `topics` (oder jedes Topic, das auf `topic_pattern` passt) als Consumer Group `group_id`. Jeder Datensatz trägt `$key`, `$topic`, `$partition`, `$offset`, `$timestamp` und `$headers.NAME`. Die Position je Topic und Partition wird in jedem Checkpoint gespeichert, und ein wiederhergestellter Lauf setzt dort fort; `start` gilt nur für Partitionen ohne Position. Offsets werden an die Gruppe committet, wenn ein Checkpoint abgeschlossen ist, und eilen daher nie dem voraus, was jede Senke dauerhaft gespeichert hat. Transaktionen werden read committed gelesen. `bounded` liest jede Partition bis zu den End-Offsets, die beim Start des Laufs gelten, und beendet dann den Lauf. Mit `format: text` ist die Nutzlast das Zeichenkettenfeld `value`.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records read from Kafka</source>
        <translation>Aus Kafka gelesene Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>topics</source>
        <comment>property name</comment>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Topics to read</source>
        <translation>Zu lesende Topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>topic_pattern</source>
        <comment>property name</comment>
        <translation>Topic-Muster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Regular expression; every matching topic is read (instead of topics)</source>
        <translation>Regulärer Ausdruck; jedes passende Topic wird gelesen (statt topics)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>group_id</source>
        <comment>property name</comment>
        <translation>Consumer Group</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consumer group (default: streamcanvas-&lt;pipeline name&gt;)</source>
        <translation>Consumer Group (Standard: streamcanvas-&lt;Pipeline-Name&gt;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>start</source>
        <comment>property name</comment>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where to begin on a partition that has no offset in the checkpoint or the group: earliest, latest, committed (= earliest), an ISO-8601 time or epoch milliseconds</source>
        <translation>Wo auf einer Partition ohne Offset im Checkpoint oder in der Gruppe begonnen wird: earliest, latest, committed (= earliest), eine ISO-8601-Zeit oder Epoch-Millisekunden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bounded</source>
        <comment>property name</comment>
        <translation>Begrenzt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop at the end offsets seen at start (backfills, tests)</source>
        <translation>Bei den End-Offsets vom Start anhalten (Nachladen, Tests)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payload format: json objects, or text (field &apos;value&apos;)</source>
        <translation>Format der Nutzlast: JSON-Objekte oder Text (Feld „value“)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages that are not JSON objects: skip (count and log a sample), dead_letter (copy to dead_letter_topic with error headers) or fail the run</source>
        <translation>Nachrichten, die keine JSON-Objekte sind: skip (zählen und ein Beispiel protokollieren), dead_letter (mit Fehler-Headern nach dead_letter_topic kopieren) oder den Lauf fehlschlagen lassen</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>dead_letter_topic</source>
        <comment>property name</comment>
        <translation>Dead-Letter-Topic</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Topic for malformed messages (on_error: dead_letter) and records without a usable event time (on_timestamp_error: dead_letter)</source>
        <translation>Topic für fehlerhafte Nachrichten (on_error: dead_letter) und Datensätze ohne verwendbare Ereigniszeit (on_timestamp_error: dead_letter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>commit_interval</source>
        <comment>property name</comment>
        <translation>Commit-Intervall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deprecated and ignored: offsets are committed when a checkpoint completes (settings.checkpoint_interval); kept so older files load</source>
        <translation>Veraltet und ignoriert: Offsets werden committet, wenn ein Checkpoint abgeschlossen ist (settings.checkpoint_interval); bleibt, damit ältere Dateien laden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A record whose event time (a window&apos;s timestamp) cannot be computed: late (to the window&apos;s late port, or counted and dropped), dead_letter (to dead_letter_topic), skip (count and drop) or fail the run. It never moves the watermark</source>
        <translation>Ein Datensatz, dessen Ereigniszeit (der Zeitstempel eines Fensters) sich nicht berechnen lässt: late (an den late-Port des Fensters, oder gezählt und verworfen), dead_letter (in dead_letter_topic), skip (zählen und verwerfen) oder den Lauf abbrechen. Er bewegt das Watermark nie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transforms</source>
        <translation>Transformationen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keeps the records for which a condition is true; the others go to &apos;rejected&apos; if wired.</source>
        <translation>Behält die Datensätze, für die eine Bedingung wahr ist; die übrigen gehen an „rejected“, falls verbunden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to test</source>
        <translation>Zu prüfende Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records for which the condition is true</source>
        <translation>Datensätze, für die die Bedingung wahr ist</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records for which it is false or null</source>
        <translation>Datensätze, für die sie falsch oder null ist</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>condition</source>
        <comment>property name</comment>
        <translation>Bedingung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Boolean expression over the record&apos;s fields, e.g. temperature &gt; 30 &amp;&amp; status == &quot;ok&quot;</source>
        <translation>Boolescher Ausdruck über die Felder des Datensatzes, z. B. temperature &gt; 30 &amp;&amp; status == &quot;ok&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sets fields from expressions and drops fields.</source>
        <translation>Setzt Felder aus Ausdrücken und entfernt Felder.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to transform</source>
        <translation>Zu transformierende Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transformed records</source>
        <translation>Transformierte Datensätze</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set</source>
        <comment>property name</comment>
        <translation>Setzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field name -&gt; expression; every expression sees the incoming record</source>
        <translation>Feldname -&gt; Ausdruck; jeder Ausdruck sieht den eingehenden Datensatz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>drop</source>
        <comment>property name</comment>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields to remove from the record</source>
        <translation>Aus dem Datensatz zu entfernende Felder</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows</source>
        <translation>Fenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hopping window</source>
        <translation>Hopping-Fenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregates per key over fixed windows that start every `slide` and may overlap.</source>
        <translation>Aggregiert je Schlüssel über feste Fenster, die alle `slide` beginnen und sich überlappen können.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outputs {window_start, window_end, key, &lt;as&gt;...} per key and window once the watermark passes the window end (event time) or the clock does (processing time); every open window fires when a bounded input ends. Records later than the allowed lateness go to `late` when it is wired and are otherwise counted (gauge late_dropped) and dropped. See docs/windows.md.</source>
        <translation>Gibt {window_start, window_end, key, &lt;as&gt;...} je Schlüssel und Fenster aus, sobald das Watermark das Fensterende überschreitet (Ereigniszeit) oder die Uhr es tut (Verarbeitungszeit); jedes offene Fenster feuert, wenn eine begrenzte Eingabe endet. Datensätze, die später als die erlaubte Verspätung kommen, gehen an `late`, wenn verbunden, und werden sonst gezählt (Messwert late_dropped) und verworfen. Siehe docs/windows.md.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to aggregate.</source>
        <translation>Zu aggregierende Datensätze.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One record per key and window.</source>
        <translation>Ein Datensatz je Schlüssel und Fenster.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records that arrived after their windows closed (optional).</source>
        <translation>Datensätze, die nach dem Schließen ihrer Fenster ankamen (optional).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>size</source>
        <comment>property name</comment>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length of each window.</source>
        <translation>Länge jedes Fensters.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>slide</source>
        <comment>property name</comment>
        <translation>Versatz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new window starts every `slide` (at most `size`).</source>
        <translation>Alle `slide` beginnt ein neues Fenster (höchstens `size`).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group by this expression, or by a list of expressions (the output key is then an object whose members are named after the expressions). Absent: one group for all records.</source>
        <translation>Nach diesem Ausdruck gruppieren oder nach einer Liste von Ausdrücken (der Ausgabeschlüssel ist dann ein Objekt, dessen Mitglieder nach den Ausdrücken benannt sind). Fehlt er: eine Gruppe für alle Datensätze.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>aggregates</source>
        <comment>property name</comment>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to compute per key and window: {&quot;as&quot;: name, &quot;fn&quot;: function, &quot;of&quot;: expression}.</source>
        <translation>Was je Schlüssel und Fenster berechnet wird: {&quot;as&quot;: Name, &quot;fn&quot;: Funktion, &quot;of&quot;: Ausdruck}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>as</source>
        <comment>property name</comment>
        <translation>Ausgabefeld</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Output field name.</source>
        <translation>Name des Ausgabefelds.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fn</source>
        <comment>property name</comment>
        <translation>Funktion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>count, sum, avg, min, max, first, last, count_distinct, or percentile p50/p90/p95/p99 (within 1%).</source>
        <translation>count, sum, avg, min, max, first, last, count_distinct oder Perzentil p50/p90/p95/p99 (auf 1&#xa0;% genau).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>of</source>
        <comment>property name</comment>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value aggregated (not needed for count, which then counts records).</source>
        <translation>Der aggregierte Wert (für count nicht nötig, das dann Datensätze zählt).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>time</source>
        <comment>property name</comment>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event: windows follow record timestamps and watermarks; processing: the wall clock.</source>
        <translation>event: Fenster folgen den Zeitstempeln der Datensätze und den Watermarks; processing: der Uhrzeit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>timestamp</source>
        <comment>property name</comment>
        <translation>Zeitstempel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event time of a record: epoch milliseconds or an ISO-8601 string.</source>
        <translation>Ereigniszeit eines Datensatzes: Epoch-Millisekunden oder eine ISO-8601-Zeichenkette.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max_out_of_orderness</source>
        <comment>property name</comment>
        <translation>Max. Unordnung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How far records may arrive out of event-time order.</source>
        <translation>Wie weit Datensätze außerhalb der Ereigniszeit-Reihenfolge ankommen dürfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>allowed_lateness</source>
        <comment>property name</comment>
        <translation>Erlaubte Verspätung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long a window keeps its state after firing; later records update and re-emit it.</source>
        <translation>Wie lange ein Fenster nach dem Feuern seinen Zustand behält; spätere Datensätze aktualisieren es und geben es erneut aus.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idle_timeout</source>
        <comment>property name</comment>
        <translation>Leerlauf-Timeout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A source partition silent this long stops holding the watermark back (0: never).</source>
        <translation>Eine Quellpartition, die so lange still ist, hält das Watermark nicht mehr auf (0: nie).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>emit</source>
        <comment>property name</comment>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>final: one result per window when it closes; a duration such as 1s: also updated results of open windows at that interval.</source>
        <translation>final: ein Ergebnis je Fenster, wenn es schließt; eine Dauer wie 1s: zusätzlich aktualisierte Ergebnisse offener Fenster in diesem Abstand.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session window</source>
        <translation>Session-Fenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregates per key over bursts of activity separated by a gap of silence.</source>
        <translation>Aggregiert je Schlüssel über Aktivitätsschübe, die durch eine Ruhepause getrennt sind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gap</source>
        <comment>property name</comment>
        <translation>Lücke</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A key&apos;s session closes after this long without records; records less than `gap` apart share one.</source>
        <translation>Die Session eines Schlüssels schließt nach so langer Zeit ohne Datensätze; Datensätze, die weniger als `gap` auseinanderliegen, teilen sich eine.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tumbling window</source>
        <translation>Tumbling-Fenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregates per key over fixed, non-overlapping time windows.</source>
        <translation>Aggregiert je Schlüssel über feste, nicht überlappende Zeitfenster.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length of each window; windows are aligned to the epoch.</source>
        <translation>Länge jedes Fensters; die Fenster sind an der Epoche ausgerichtet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pipeline settings</source>
        <translation>Pipeline-Einstellungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivery guarantee, checkpoints and what happens when a node fails.</source>
        <translation>Zustellgarantie, Checkpoints und was geschieht, wenn ein Knoten ausfällt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>delivery</source>
        <comment>property name</comment>
        <translation>Zustellung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>at_least_once: after a failure some records may be written twice; exactly_once: Kafka sinks write in transactions committed with each checkpoint, file sinks roll back to the checkpoint, so every result is written once</source>
        <translation>at_least_once: nach einem Ausfall können manche Datensätze doppelt geschrieben werden; exactly_once: Kafka-Senken schreiben in Transaktionen, die mit jedem Checkpoint committet werden, Datei-Senken kehren zum Checkpoint zurück, sodass jedes Ergebnis genau einmal geschrieben wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>checkpoint_interval</source>
        <comment>property name</comment>
        <translation>Checkpoint-Intervall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How often a checkpoint (sources&apos; offsets, window state, sinks&apos; progress) is taken</source>
        <translation>Wie oft ein Checkpoint (Offsets der Quellen, Fensterzustand, Fortschritt der Senken) erstellt wird</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>checkpoint_dir</source>
        <comment>property name</comment>
        <translation>Checkpoint-Ordner</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder for checkpoints (default: $XDG_STATE_HOME/streamcanvas/&lt;pipeline name&gt;, else ~/.local/state/streamcanvas/&lt;pipeline name&gt;); --checkpoint-dir overrides it</source>
        <translation>Ordner für Checkpoints (Standard: $XDG_STATE_HOME/streamcanvas/&lt;Pipeline-Name&gt;, sonst ~/.local/state/streamcanvas/&lt;Pipeline-Name&gt;); --checkpoint-dir hat Vorrang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restart</source>
        <comment>property name</comment>
        <translation>Neustart</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After a node fails: {&quot;strategy&quot;: &quot;none&quot; | &quot;fixed_delay&quot; | &quot;exponential&quot;, &quot;attempts&quot;: 5, &quot;delay&quot;: &quot;1s&quot;, &quot;max_delay&quot;: &quot;1m&quot;}; the pipeline restarts from the last checkpoint. Configuration errors found at start are never retried</source>
        <translation>Nach dem Ausfall eines Knotens: {&quot;strategy&quot;: &quot;none&quot; | &quot;fixed_delay&quot; | &quot;exponential&quot;, &quot;attempts&quot;: 5, &quot;delay&quot;: &quot;1s&quot;, &quot;max_delay&quot;: &quot;1m&quot;}; die Pipeline startet ab dem letzten Checkpoint neu. Beim Start gefundene Konfigurationsfehler werden nie wiederholt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>instance</source>
        <comment>property name</comment>
        <translation>Instanz</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of this runner among several that run the pipeline (part of Kafka transactional ids); --instance overrides it</source>
        <translation>Name dieses Runners unter mehreren, die die Pipeline ausführen (Teil der transaktionalen IDs für Kafka); --instance hat Vorrang</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>scale_out</source>
        <comment>property name</comment>
        <translation>scale_out</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Several runners share this pipeline through Kafka consumer groups: partitions (and the window state of each partition, kept in changelog topics) move between them; --scale-out sets it</source>
        <translation>Mehrere Runner teilen sich diese Pipeline über Kafka-Consumer-Gruppen: Partitionen (und der Fensterzustand jeder Partition, in Changelog-Topics gehalten) wandern zwischen ihnen; --scale-out setzt es</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/designer/DiagramExport.cpp" line="+67"/>
        <location line="+8"/>
        <location line="+11"/>
        <source>Could not write %1</source>
        <translation>%1 konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Unsupported image type &apos;%1&apos;: use .png or .svg</source>
        <translation>Bildtyp „%1“ wird nicht unterstützt: .png oder .svg verwenden</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>streamcanvas: --export-image needs a .png or .svg file name, got &apos;%1&apos;</source>
        <translation>streamcanvas: --export-image braucht einen Dateinamen auf .png oder .svg, erhalten: „%1“</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: not a pipeline file</source>
        <translation>%1: keine Pipeline-Datei</translation>
    </message>
</context>
<context>
    <name>RunOverlay</name>
    <message>
        <location filename="../app/designer/RunOverlay.cpp" line="+27"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1k/s</source>
        <translation>%1k/s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1M/s</source>
        <translation>%1M/s</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>partition %1 has had no data for %2 and idle_timeout is 0, so windows cannot fire</source>
        <translation>Partition %1 hat seit %2 keine Daten und idle_timeout ist 0, daher können keine Fenster auslösen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no watermark has reached this node yet, so windows cannot fire</source>
        <translation>noch kein Watermark hat diesen Knoten erreicht, daher können keine Fenster auslösen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the watermark (%1) has not passed the end of a window for %2</source>
        <translation>das Watermark (%1) hat seit %2 kein Fensterende überschritten</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>watermark %1, %2 behind</source>
        <translation>Watermark %1, %2 zurück</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Watermark: %1</source>
        <translation>Watermark: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Behind the wall clock: %1</source>
        <translation>Rückstand zur Uhrzeit: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Behind the newest record (%1): %2</source>
        <translation>Rückstand zum neuesten Datensatz (%1): %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no watermark yet</source>
        <translation>noch kein Watermark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No watermark yet</source>
        <translation>Noch kein Watermark</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 open · %2 keys · %3 · %4 late</source>
        <translation>%1 offen · %2 Schlüssel · %3 · %4 verspätet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open windows: %1</source>
        <translation>Offene Fenster: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State: %1 keys, %2</source>
        <translation>Zustand: %1 Schlüssel, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late records dropped: %1</source>
        <translation>Verworfene verspätete Datensätze: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partitions (idle_timeout %1):</source>
        <translation>Partitionen (idle_timeout %1):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: no data for %2</source>
        <translation>%1: seit %2 keine Daten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: newest %2, last record %3 ago</source>
        <translation>%1: neuester %2, letzter Datensatz vor %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(idle, not holding the watermark)</source>
        <translation>(untätig, hält das Watermark nicht auf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No output for %1 while input arrives: %2</source>
        <translation>Seit %1 keine Ausgabe, obwohl Eingaben ankommen: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 records/s; queue %2 of %3 batches full</source>
        <translation>%1 Datensätze/s; Warteschlange mit %2 von %3 Batches gefüllt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 records/s; no queue (same thread)</source>
        <translation>%1 Datensätze/s; keine Warteschlange (derselbe Thread)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>input queue %1 full</source>
        <translation>Eingangswarteschlange %1 voll</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wires: %1 queue under %4 % full · %2 filling · %3 over %5 % full: the node it feeds cannot keep up (back-pressure)</source>
        <translation>Verbindungen: %1 Warteschlange unter %4 % voll · %2 füllt sich · %3 über %5 % voll: der belieferte Knoten kommt nicht nach (Gegendruck)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/designer/main.cpp" line="+43"/>
        <source>StreamCanvas designer: build stream pipelines by drag and drop.</source>
        <translation>StreamCanvas-Designer: Stream-Pipelines per Drag-and-drop bauen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pipeline file to open.</source>
        <translation>Zu öffnende Pipeline-Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a PNG or SVG picture of PIPELINE.json to OUT and exit.</source>
        <translation>Ein PNG- oder SVG-Bild von PIPELINE.json nach OUT schreiben und beenden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Appearance: system, light or dark (default: the last one chosen in View &gt; Theme, else system).</source>
        <translation>Erscheinungsbild: system, light oder dark (Standard: die zuletzt unter Ansicht &gt; Erscheinungsbild gewählte, sonst system).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run the pipeline once it is open.</source>
        <translation>Die Pipeline nach dem Öffnen ausführen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --run: start fresh, removing the pipeline&apos;s checkpoints. Without it --run resumes from the last checkpoint, if any.</source>
        <translation>Mit --run: neu beginnen und die Checkpoints der Pipeline entfernen. Ohne diese Option setzt --run beim letzten Checkpoint fort, falls es einen gibt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save a PNG picture of the whole window to OUT after the time --after gives, then exit.</source>
        <translation>Nach der mit --after angegebenen Zeit ein PNG-Bild des ganzen Fensters nach OUT speichern, dann beenden.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wait this long before --screenshot (default 5s).</source>
        <translation>So lange vor --screenshot warten (Standard 5s).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>streamcanvas: unknown theme &apos;%1&apos; (use system, light or dark)</source>
        <translation>streamcanvas: unbekanntes Erscheinungsbild „%1“ (system, light oder dark verwenden)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>streamcanvas: at most one pipeline file</source>
        <translation>streamcanvas: höchstens eine Pipeline-Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>streamcanvas: --export-image needs a pipeline file</source>
        <translation>streamcanvas: --export-image braucht eine Pipeline-Datei</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>streamcanvas: --after needs a duration such as 5s or 500ms</source>
        <translation>streamcanvas: --after braucht eine Dauer wie 5s oder 500ms</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>streamcanvas: --run needs a pipeline file</source>
        <translation>streamcanvas: --run braucht eine Pipeline-Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>streamcanvas: --fresh goes with --run</source>
        <translation>streamcanvas: --fresh gehört zu --run</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot run the pipeline</source>
        <translation>Die Pipeline kann nicht ausgeführt werden</translation>
    </message>
    <message>
        <location filename="../app/designer/ScreenshotRun.cpp" line="+31"/>
        <source>streamcanvas: cannot run the pipeline: %1</source>
        <translation>streamcanvas: die Pipeline kann nicht ausgeführt werden: %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>streamcanvas: cannot write %1</source>
        <translation>streamcanvas: %1 kann nicht geschrieben werden</translation>
    </message>
</context>
<context>
    <name>sc::designer::AggregateView</name>
    <message>
        <location filename="../app/designer/AggregateView.cpp" line="+147"/>
        <source>Node whose results are charted</source>
        <translation>Knoten, dessen Ergebnisse gezeigt werden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregate charted, a line per key</source>
        <translation>Gezeigtes Aggregat, eine Linie je Schlüssel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>top </source>
        <translation>höchste </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys charted: those with the highest value in their latest window</source>
        <translation>Gezeigte Schlüssel: die mit dem höchsten Wert in ihrem letzten Fenster</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run a pipeline with a window node to chart its aggregates per key here.</source>
        <translation>Führen Sie eine Pipeline mit einem Fensterknoten aus, um hier ihre Aggregate je Schlüssel zu sehen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the shown series as CSV or the chart as PNG</source>
        <translation>Die gezeigten Reihen als CSV oder das Diagramm als PNG speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregates</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+89"/>
        <location line="+316"/>
        <source>window end</source>
        <translation>Fensterende</translation>
    </message>
    <message>
        <location line="-400"/>
        <location line="+7"/>
        <source>late records</source>
        <translation>verspätete Datensätze</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Window start</source>
        <translation>Fensterbeginn</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Window end</source>
        <translation>Fensterende</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>sc::designer::ConnectionPicker</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="+326"/>
        <source>choose a connection</source>
        <translation>Cluster-Verbindung wählen</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>New connection…</source>
        <translation>Neue Cluster-Verbindung…</translation>
    </message>
</context>
<context>
    <name>sc::designer::ConnectionsPanel</name>
    <message>
        <location filename="../app/designer/ConnectionsPanel.cpp" line="+88"/>
        <source>No broker answered: check the host names and ports, that the brokers run, and that nothing (firewall, VPN) blocks the way.</source>
        <translation>Kein Broker hat geantwortet: Hostnamen und Ports prüfen, ob die Broker laufen und ob nichts (Firewall, VPN) den Weg versperrt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS handshake failed: check the security preset and the CA certificate.</source>
        <translation>Der TLS-Handshake ist fehlgeschlagen: die Sicherheitsvorgabe und das CA-Zertifikat prüfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authentication failed: check the mechanism, the user name and the password.</source>
        <translation>Die Authentifizierung ist fehlgeschlagen: Mechanismus, Benutzername und Passwort prüfen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a Kafka connection (the embedded cluster until you change it)</source>
        <translation>Eine Kafka-Cluster-Verbindung hinzufügen (zunächst zum eingebetteten Cluster)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename the connection; nodes that use it follow</source>
        <translation>Die Cluster-Verbindung umbenennen; Knoten, die sie verwenden, werden angepasst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the connection; nodes that use it show a problem</source>
        <translation>Die Cluster-Verbindung löschen; Knoten, die sie verwenden, zeigen dann ein Problem</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a file for %1</source>
        <translation>Datei für %1 wählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates and keys (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>Zertifikate und Schlüssel (*.pem *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Secrets do not belong in the file: refer to an environment variable instead and set it where the pipeline runs (or in an --env-file).</source>
        <translation>Geheimnisse gehören nicht in die Datei: stattdessen auf eine Umgebungsvariable verweisen und diese dort setzen, wo die Pipeline läuft (oder in einer --env-file).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set %1 in the environment (or an --env-file) before running or testing the connection.</source>
        <translation>%1 vor dem Ausführen oder dem Testen der Cluster-Verbindung in der Umgebung (oder einer --env-file) setzen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The name nodes use in their connection property.</source>
        <translation>Der Name, den Knoten in ihrer Eigenschaft „Cluster-Verbindung“ angeben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A Kafka cluster inside the designer (and the runner): for trying pipelines out, no broker needed</source>
        <translation>Ein Kafka-Cluster im Designer (und im Runner): zum Ausprobieren von Pipelines, ganz ohne Broker</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;code&gt;bootstrap_servers&lt;/code&gt;: host:port of the brokers, comma separated, ${KAFKA_BOOTSTRAP}, or &lt;i&gt;embedded&lt;/i&gt;</source>
        <translation>&lt;code&gt;bootstrap_servers&lt;/code&gt;: Host:Port der Broker, durch Kommas getrennt, ${KAFKA_BOOTSTRAP} oder &lt;i&gt;embedded&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bootstrap servers</source>
        <translation>Bootstrap-Server</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Embedded brokers</source>
        <translation>Eingebettete Broker</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brokers of the embedded cluster (default 1)</source>
        <translation>Broker des eingebetteten Clusters (Standard: 1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded partitions</source>
        <translation>Eingebettete Partitionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partitions of the topics a pipeline creates on the embedded cluster (default 4)</source>
        <translation>Partitionen der Topics, die eine Pipeline im eingebetteten Cluster anlegt (Standard: 4)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (PLAINTEXT)</source>
        <translation>Keine (PLAINTEXT)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mTLS (client certificate)</source>
        <translation>mTLS (Client-Zertifikat)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No encryption, no authentication: local and test clusters</source>
        <translation>Keine Verschlüsselung, keine Authentifizierung: lokale und Test-Cluster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name and password over TLS (Confluent Cloud API keys, Event Hubs)</source>
        <translation>Benutzername und Passwort über TLS (API-Schlüssel von Confluent Cloud, Event Hubs)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Salted challenge with user name and password over TLS</source>
        <translation>Salted Challenge mit Benutzername und Passwort über TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS with a client certificate and key (security.protocol SSL)</source>
        <translation>TLS mit Client-Zertifikat und Schlüssel (security.protocol SSL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth 2 client credentials from a token endpoint (OIDC) over TLS</source>
        <translation>OAuth-2-Client-Credentials von einem Token-Endpunkt (OIDC) über TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set security.protocol and sasl.mechanism yourself in the properties below</source>
        <translation>security.protocol und sasl.mechanism selbst in den Eigenschaften unten setzen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sets &lt;code&gt;security.protocol&lt;/code&gt; and &lt;code&gt;sasl.mechanism&lt;/code&gt; and shows the fields they need.</source>
        <translation>Setzt &lt;code&gt;security.protocol&lt;/code&gt; und &lt;code&gt;sasl.mechanism&lt;/code&gt; und zeigt die dafür nötigen Felder.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token endpoint URL</source>
        <translation>URL des Token-Endpunkts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate</source>
        <translation>Client-Zertifikat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client key</source>
        <translation>Client-Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key password</source>
        <translation>Passwort des Schlüssels</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>Cluster-Verbindung testen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect to the cluster and list its topics (gives up after %1 s)</source>
        <translation>Mit dem Cluster verbinden und seine Topics auflisten (Abbruch nach %1 s)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Other librdkafka properties</source>
        <translation>Weitere librdkafka-Eigenschaften</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passed to librdkafka as they are; see its CONFIGURATION.md for the names.</source>
        <translation>Werden unverändert an librdkafka übergeben; die Namen stehen in dessen CONFIGURATION.md.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a property</source>
        <translation>Eigenschaft hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the selected property</source>
        <translation>Ausgewählte Eigenschaft entfernen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Use variable ${%1}</source>
        <translation>Variable ${%1} verwenden</translation>
    </message>
    <message>
        <location line="+185"/>
        <source>A connection needs a name.</source>
        <translation>Eine Cluster-Verbindung braucht einen Namen.</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+4"/>
        <source>Cannot test &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht getestet werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connecting to %1…</source>
        <translation>%1 wird kontaktiert…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connection to %1 failed: %2</source>
        <translation>Cluster-Verbindung zu %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected to %1: the cluster has no topics yet.</source>
        <translation>Mit %1 verbunden: Der Cluster hat noch keine Topics.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Connected to %1: %n topic(s).</source>
        <translation>
            <numerusform>Mit %1 verbunden: %n Topic.</numerusform>
            <numerusform>Mit %1 verbunden: %n Topics.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sc::designer::EmptyCanvasHint</name>
    <message>
        <location filename="../app/designer/EmptyCanvasHint.cpp" line="+18"/>
        <source>Start a pipeline</source>
        <translation>Eine Pipeline beginnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a node from the Nodes panel onto the canvas, or double-click it in the panel.
Then drag from an output port to an input port to wire them.
To start from a working pipeline, open one under File ▸ Examples.</source>
        <translation>Ziehen Sie einen Knoten aus dem Bereich „Knoten“ auf die Arbeitsfläche, oder doppelklicken Sie ihn dort.
Ziehen Sie dann von einem Ausgang zu einem Eingang, um Knoten zu verbinden.
Um mit einer funktionierenden Pipeline zu beginnen, öffnen Sie eine unter Datei ▸ Beispiele.</translation>
    </message>
</context>
<context>
    <name>sc::designer::FieldSampler</name>
    <message>
        <location filename="../app/designer/FieldSampler.cpp" line="+135"/>
        <location line="+9"/>
        <source>Cannot sample: %1</source>
        <translation>Stichprobe nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sampling failed: %1</source>
        <translation>Stichprobe fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No records to sample: the fields stay as they were.</source>
        <translation>Keine Datensätze für eine Stichprobe: Die Felder bleiben unverändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sample fields of %1</source>
        <translation>Felder von %1 ermitteln</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n field(s) from %1 record(s).</source>
        <translation>
            <numerusform>%n Feld aus %1 Datensatz/Datensätzen.</numerusform>
            <numerusform>%n Felder aus %1 Datensatz/Datensätzen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sc::designer::FlinkSqlProblems</name>
    <message>
        <location filename="../app/designer/FlinkSqlProblems.cpp" line="+47"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Property</source>
        <translation>Eigenschaft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What to do</source>
        <translation>Was zu tun ist</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>connection %1: %2</source>
        <translation>Cluster-Verbindung %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>properties</source>
        <translation>Eigenschaften</translation>
    </message>
</context>
<context>
    <name>sc::designer::GraphScene</name>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="+144"/>
        <source>Repartitioned through topic %1: %2</source>
        <translation>Über das Topic %1 umverteilt: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In scale-out mode the records go to this topic, keyed by the window&apos;s key, and are read back from it, so that every key is counted by one runner.</source>
        <translation>Im Scale-out-Modus gehen die Datensätze mit dem Schlüssel des Fensters als Message-Key in dieses Topic und werden von dort wieder gelesen, damit jeder Schlüssel von genau einem Runner gezählt wird.</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>Unknown node type &apos;%1&apos;</source>
        <translation>Unbekannter Knotentyp „%1“</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Connected %1 to %2</source>
        <translation>%1 mit %2 verbunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection refused: %1</source>
        <translation>Verbindung abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::GraphView</name>
    <message>
        <location filename="../app/designer/GraphView.cpp" line="+327"/>
        <source>Add Kafka sink for %1</source>
        <translation>Kafka-Senke für %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Kafka source for %1</source>
        <translation>Kafka-Quelle für %1 hinzufügen</translation>
    </message>
</context>
<context>
    <name>sc::designer::GroupItem</name>
    <message numerus="yes">
        <location filename="../app/designer/GroupItem.cpp" line="+34"/>
        <source>%1: %n node(s); double-click the title to expand</source>
        <translation>
            <numerusform>%1: %n Knoten; Titel doppelklicken zum Aufklappen</numerusform>
            <numerusform>%1: %n Knoten; Titel doppelklicken zum Aufklappen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n Knoten</numerusform>
            <numerusform>%n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&amp;Rename Group…</source>
        <translation>Gruppe &amp;umbenennen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Expand Group</source>
        <translation>Gruppe &amp;aufklappen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Collapse Group</source>
        <translation>Gruppe &amp;zuklappen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ungroup</source>
        <translation>Gruppierung auf&amp;heben</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rename Group</source>
        <translation>Gruppe umbenennen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group name:</source>
        <translation>Gruppenname:</translation>
    </message>
</context>
<context>
    <name>sc::designer::GroupLagView</name>
    <message>
        <location filename="../app/designer/GroupLagView.cpp" line="+45"/>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>consumer group id</source>
        <translation>Consumer-Group-ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Committed</source>
        <translation>Bestätigt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>Ende</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lag</source>
        <translation>Rückstand</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Total lag (messages)</source>
        <translation>Gesamtrückstand (Nachrichten)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seconds since shown</source>
        <translation>Sekunden seit Anzeige</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Group:</source>
        <translation>Gruppe:</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+60"/>
        <source>Choose a consumer group to see its lag per partition.</source>
        <translation>Wählen Sie eine Consumer Group, um ihren Rückstand je Partition zu sehen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter a consumer group id.</source>
        <translation>Geben Sie eine Consumer-Group-ID ein.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a cluster and press Refresh first.</source>
        <translation>Wählen Sie zuerst einen Cluster und drücken Sie Aktualisieren.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot read group &apos;%1&apos;: %2</source>
        <translation>Gruppe „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Group &apos;%1&apos; has no committed offsets.</source>
        <translation>Gruppe „%1“ hat keine bestätigten Offsets.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Group &apos;%1&apos;: total lag %2 messages on %n partitions</source>
        <translation>
            <numerusform>Gruppe „%1“: Gesamtrückstand %2 Nachrichten auf %n Partition</numerusform>
            <numerusform>Gruppe „%1“: Gesamtrückstand %2 Nachrichten auf %n Partitionen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>State %1, %n members</source>
        <translation>
            <numerusform>Zustand %1, %n Mitglied</numerusform>
            <numerusform>Zustand %1, %n Mitglieder</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>State and members: %1</source>
        <translation>Zustand und Mitglieder: %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::HelpMenus</name>
    <message>
        <location filename="../app/designer/HelpMenus.cpp" line="-27"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>On the canvas</source>
        <translation>Auf der Arbeitsfläche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gesture</source>
        <translation>Geste</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>E&amp;xamples</source>
        <translation>Beis&amp;piele</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No examples installed (package streamcanvas-runner)</source>
        <translation>Keine Beispiele installiert (Paket streamcanvas-runner)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Node Reference</source>
        <translation>&amp;Knotenreferenz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node Reference</source>
        <translation>Knotenreferenz</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Expression Reference</source>
        <translation>&amp;Ausdrucksreferenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expression Reference</source>
        <translation>Ausdrucksreferenz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About StreamCanvas</source>
        <translation>Ü&amp;ber StreamCanvas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About StreamCanvas</source>
        <translation>Über StreamCanvas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Design stream-processing pipelines on a canvas, run them here against Kafka, files and generators, and run the same file headless with streamcanvas-run.</source>
        <translation>Entwerfen Sie Pipelines zur Datenstromverarbeitung auf einer Arbeitsfläche, führen Sie sie hier mit Kafka, Dateien und Generatoren aus, und dieselbe Datei ohne Oberfläche mit streamcanvas-run.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Built with Qt %1.</source>
        <translation>Erstellt mit Qt %1.</translation>
    </message>
</context>
<context>
    <name>sc::designer::HistoryChart</name>
    <message>
        <location filename="../app/designer/HistoryChart.cpp" line="+54"/>
        <source>Longest time span shown (a shorter history fills the chart)</source>
        <translation>Längster angezeigter Zeitraum (ein kürzerer Verlauf füllt das Diagramm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 min</source>
        <translation>1 min</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>5 min</source>
        <translation>5 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>15 min</source>
        <translation>15 min</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 h</source>
        <translation>1 h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6 h</source>
        <translation>6 h</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>24 h</source>
        <translation>24 h</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>top </source>
        <translation>höchste </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines shown: the highest by their mean over the span; the rest are summed as &quot;others&quot;</source>
        <translation>Gezeigte Linien: die mit dem höchsten Mittelwert im Zeitraum; der Rest wird als „andere“ summiert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the shown series as CSV or the chart as PNG</source>
        <translation>Die gezeigten Reihen als CSV oder das Diagramm als PNG speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the newest data (after zooming or panning)</source>
        <translation>Den neuesten Daten folgen (nach Zoomen oder Verschieben)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+150"/>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>others</source>
        <translation>andere</translation>
    </message>
</context>
<context>
    <name>sc::designer::MainWindow</name>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="+76"/>
        <source>%1%</source>
        <translation>%1&#xa0;%</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n Warnung</numerusform>
            <numerusform>%n Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+81"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Diagram…</source>
        <translation>Diagramm &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Diagram</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Bild (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export for &amp;Headless Run…</source>
        <translation>Für &amp;Headless-Betrieb exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export for Headless Run</source>
        <translation>Für Headless-Betrieb exportieren</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New &amp;Test From Run…</source>
        <translation>Neuer &amp;Test aus Ausführung…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>Alles a&amp;uswählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find Node…</source>
        <translation>Knoten &amp;finden…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Group Selection…</source>
        <translation>Auswahl &amp;gruppieren…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom &amp;In</source>
        <translation>&amp;Vergrößern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fit to View</source>
        <translation>In Ansicht &amp;einpassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-&amp;Layout</source>
        <translation>Automatisches &amp;Layout</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+137"/>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>St&amp;op</source>
        <translation>S&amp;toppen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Tap Selected Wire</source>
        <translation>Ausgewählte Verbindung &amp;mitlesen</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>U&amp;ngroup</source>
        <translation>Gruppierung auf&amp;heben</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>&amp;Flink SQL…</source>
        <translation>&amp;Flink SQL…</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Co&amp;ntinue</source>
        <translation>Weite&amp;r</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Step</source>
        <translation>&amp;Schritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step &amp;Batch</source>
        <translation>Schritt (&amp;Batch)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recor&amp;d Selected Wire…</source>
        <translation>Ausgewählte Verbindung &amp;aufzeichnen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;play Fixture into Selected Node…</source>
        <translation>Aufzeichnung in ausgewählten Knoten &amp;einspielen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replay at Re&amp;corded Speed</source>
        <translation>Mit aufgezeichneter &amp;Geschwindigkeit einspielen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask Again &amp;Whether to Resume</source>
        <translation>&amp;Wieder fragen, ob fortgesetzt wird</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run asks again whether to resume from a savepoint of this file</source>
        <translation>Ausführen fragt wieder, ob vom Savepoint dieser Datei fortgesetzt wird</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find node (%1)</source>
        <translation>Knoten finden (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ex&amp;port</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Minimap</source>
        <translation>Ü&amp;bersichtskarte</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Theme</source>
        <translation>E&amp;rscheinungsbild</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow &amp;System</source>
        <translation>&amp;System folgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>L&amp;anguage</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;System Language</source>
        <translation>&amp;Systemsprache</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The language changes when StreamCanvas starts again.</source>
        <translation>Die Sprache wechselt beim nächsten Start von StreamCanvas.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Main</source>
        <translation>Hauptleiste</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Properties</source>
        <translation>Eigenschaften</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run</source>
        <translation>Ausführung</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tap</source>
        <translation>Mitlesen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../app/designer/MainWindowFiles.cpp" line="+27"/>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1[*] — StreamCanvas</source>
        <translation>%1[*] — StreamCanvas</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n h</source>
        <translation>
            <numerusform>%n h</numerusform>
            <numerusform>%n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n days</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+65"/>
        <source>Cannot run the pipeline</source>
        <translation>Die Pipeline kann nicht ausgeführt werden</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Resume the pipeline?</source>
        <translation>Pipeline fortsetzen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pipeline has a savepoint of an earlier run.</source>
        <translation>Die Pipeline hat einen Savepoint aus einem früheren Lauf.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pipeline has a checkpoint of an earlier run.</source>
        <translation>Die Pipeline hat einen Checkpoint aus einem früheren Lauf.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resuming continues where that run stopped, with its open windows; starting fresh removes the checkpoints in %1.</source>
        <translation>Fortsetzen macht dort weiter, wo dieser Lauf aufgehört hat, mit seinen offenen Fenstern; ein Neustart löscht die Checkpoints in %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resume from savepoint %1 (taken %2 ago, %3)</source>
        <translation>Ab Savepoint %1 fortsetzen (vor %2 erstellt, %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume from checkpoint %1 (taken %2 ago, %3)</source>
        <translation>Ab Checkpoint %1 fortsetzen (vor %2 erstellt, %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+66"/>
        <source>Start fresh</source>
        <translation>Neu beginnen</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Don&apos;t ask again for this file</source>
        <translation>Für diese Datei nicht mehr fragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run &gt; Ask Again Whether to Resume brings this question back.</source>
        <translation>Ausführen &gt; Wieder fragen, ob fortgesetzt wird, holt diese Frage zurück.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Running; edits apply to the next run</source>
        <translation>Läuft; Änderungen gelten ab dem nächsten Lauf</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Start with --fresh to run without that checkpoint (this removes the pipeline&apos;s checkpoints).</source>
        <translation>Mit --fresh starten, um ohne diesen Checkpoint auszuführen (das entfernt die Checkpoints der Pipeline).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot resume</source>
        <translation>Fortsetzen nicht möglich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pipeline changed since its last checkpoint was taken.</source>
        <translation>Die Pipeline wurde seit ihrem letzten Checkpoint geändert.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select one wire to tap.</source>
        <translation>Eine Verbindung zum Mitlesen auswählen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tapping the wire</source>
        <translation>Verbindung wird mitgelesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire is tapped when the pipeline runs (F5)</source>
        <translation>Die Verbindung wird mitgelesen, sobald die Pipeline läuft (F5)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Running %1 s</source>
        <translation>Läuft seit %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopping…</source>
        <translation>Wird gestoppt…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ran %1 s</source>
        <translation>Lief %1 s</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>; savepoint %1 taken, the next run resumes there</source>
        <translation>; Savepoint %1 erstellt, der nächste Lauf setzt dort fort</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run finished after %1 s</source>
        <translation>Lauf nach %1 s beendet</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run failed in node &apos;%1&apos;: %2</source>
        <translation>Der Lauf ist in Knoten „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowFiles.cpp" line="+5"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 hat ungespeicherte Änderungen. Speichern?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open Pipeline</source>
        <translation>Pipeline öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation>Pipelines (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot open %1</source>
        <translation>%1 kann nicht geöffnet werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save Pipeline</source>
        <translation>Pipeline speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pipelines (*.json)</source>
        <translation>Pipelines (*.json)</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="+16"/>
        <source>Connections</source>
        <translation>Cluster-Verbindungen</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowFiles.cpp" line="+7"/>
        <source>Secrets in clear</source>
        <translation>Geheimnisse im Klartext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file would contain secrets in clear text:
%1

Anyone who reads the file can read them. Use ${VARIABLE} references instead (the Connections dock offers them). Save anyway?</source>
        <translation>Die Datei würde Geheimnisse im Klartext enthalten:
%1

Wer die Datei lesen kann, kann auch sie lesen. Besser ${VARIABLE}-Verweise verwenden (das Dock „Cluster-Verbindungen“ bietet sie an). Trotzdem speichern?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot export</source>
        <translation>Export nicht möglich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported %1</source>
        <translation>%1 exportiert</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <source>Cannot export for a headless run</source>
        <translation>Export für den Headless-Betrieb nicht möglich</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Fix these problems first; nothing was written.

%1</source>
        <translation>Beheben Sie zuerst diese Probleme; es wurde nichts geschrieben.

%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (secret, required)</source>
        <translation>%1 (geheim, erforderlich)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (required)</source>
        <translation>%1 (erforderlich)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (has a default)</source>
        <translation>%1 (hat einen Standardwert)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported to %1:
%2</source>
        <translation>Exportiert nach %1:
%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The pipeline needs no variables.</source>
        <translation>Die Pipeline benötigt keine Variablen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables the pipeline needs (listed in .env.example):
  %1</source>
        <translation>Variablen, die die Pipeline benötigt (aufgeführt in .env.example):
  %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n secret(s) typed into the pipeline became variables; their values are in no exported file. Give them to the operator another way.</source>
        <translation>
            <numerusform>%n in die Pipeline eingegebenes Geheimnis wurde zu einer Variablen; sein Wert steht in keiner exportierten Datei. Geben Sie ihn dem Betreiber auf anderem Weg.</numerusform>
            <numerusform>%n in die Pipeline eingegebene Geheimnisse wurden zu Variablen; ihre Werte stehen in keiner exportierten Datei. Geben Sie sie dem Betreiber auf anderem Weg.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start it with run.sh, or install %1 (see README.md).</source>
        <translation>Starten Sie sie mit run.sh oder installieren Sie %1 (siehe README.md).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported for a headless run</source>
        <translation>Für den Headless-Betrieb exportiert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported for a headless run to %1</source>
        <translation>Für den Headless-Betrieb exportiert nach %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/MainWindow.cpp" line="+17"/>
        <source>Copied %n node(s) as pipeline JSON</source>
        <translation>
            <numerusform>%n Knoten als Pipeline-JSON kopiert</numerusform>
            <numerusform>%n Knoten als Pipeline-JSON kopiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No node matches &apos;%1&apos;</source>
        <translation>Kein Knoten passt zu „%1“</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select the nodes to group first</source>
        <translation>Zuerst die zu gruppierenden Knoten auswählen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Group Selection</source>
        <translation>Auswahl gruppieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group name:</source>
        <translation>Gruppenname:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Stopping the run before closing…</source>
        <translation>Der Lauf wird vor dem Schließen beendet…</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowRecording.cpp" line="+22"/>
        <source>Recording failed</source>
        <translation>Aufzeichnung fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Recorded %n record(s) into %1</source>
        <translation>
            <numerusform>%n Datensatz in %1 aufgezeichnet</numerusform>
            <numerusform>%n Datensätze in %1 aufgezeichnet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test written to %1 from the stopped run: %2 input and %3 expected records; check it with streamcanvas-run --test</source>
        <translation>Test aus der gestoppten Ausführung nach %1 geschrieben: %2 Eingabe- und %3 erwartete Datensätze; prüfen mit streamcanvas-run --test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test written to %1: %2 input and %3 expected records; check it with streamcanvas-run --test</source>
        <translation>Test nach %1 geschrieben: %2 Eingabe- und %3 erwartete Datensätze; prüfen mit streamcanvas-run --test</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select one wire to record.</source>
        <translation>Wählen Sie eine Verbindung zum Aufzeichnen aus.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record Wire</source>
        <translation>Verbindung aufzeichnen</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <source>Wire fixture (*.jsonl)</source>
        <translation>Verbindungsaufzeichnung (*.jsonl)</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Cannot record the wire</source>
        <translation>Die Verbindung kann nicht aufgezeichnet werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recording the wire into %1 until the run ends</source>
        <translation>Die Verbindung wird bis zum Ende der Ausführung in %1 aufgezeichnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire is recorded into %1 when the pipeline runs (F5)</source>
        <translation>Die Verbindung wird in %1 aufgezeichnet, wenn die Pipeline läuft (F5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>New Test From Run</source>
        <translation>Neuer Test aus Ausführung</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>A test records a run from its start. Stop the current run, then choose New Test From Run again: it starts the pipeline afresh and records it.</source>
        <translation>Ein Test zeichnet eine Ausführung von Beginn an auf. Stoppen Sie die laufende Ausführung und wählen Sie dann erneut „Neuer Test aus Ausführung“: Die Pipeline startet neu und wird aufgezeichnet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder for the Test</source>
        <translation>Ordner für den Test</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Recording a test into %1; it is written when the run ends (Stop ends it)</source>
        <translation>Test wird in %1 aufgezeichnet; er wird geschrieben, wenn die Ausführung endet (Stoppen beendet sie)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select the node to replay a fixture into.</source>
        <translation>Wählen Sie den Knoten aus, in den eine Aufzeichnung eingespielt werden soll.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Replay Fixture</source>
        <translation>Aufzeichnung einspielen</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Stop the current run first: a replay is a run of its own.</source>
        <translation>Stoppen Sie zuerst die laufende Ausführung: Ein Einspielen ist eine eigene Ausführung.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+11"/>
        <location line="+9"/>
        <source>Cannot replay the fixture</source>
        <translation>Die Aufzeichnung kann nicht eingespielt werden</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Replaying %n record(s) of %1 into %2</source>
        <translation>
            <numerusform>%n Datensatz aus %1 wird in %2 eingespielt</numerusform>
            <numerusform>%n Datensätze aus %1 werden in %2 eingespielt</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowFlinkExport.cpp" line="+33"/>
        <source>Export to Flink SQL</source>
        <translation>Nach Flink SQL exportieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unsaved pipeline</source>
        <translation>ungespeicherte Pipeline</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot export to Flink SQL</source>
        <translation>Export nach Flink SQL nicht möglich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was written: these parts of the pipeline cannot be translated to Flink SQL. Choose one to show its node.</source>
        <translation>Nichts wurde geschrieben: Diese Teile der Pipeline lassen sich nicht in Flink SQL übersetzen. Wählen Sie einen, um seinen Knoten zu zeigen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was exported to Flink SQL</source>
        <translation>Nichts wurde nach Flink SQL exportiert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Flink SQL script (*.sql)</source>
        <translation>Flink-SQL-Skript (*.sql)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported the Flink SQL job to %1</source>
        <translation>Flink-SQL-Job nach %1 exportiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported to Flink SQL</source>
        <translation>Nach Flink SQL exportiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job was written to %1. Flink will run it with these differences:</source>
        <translation>Der Job wurde nach %1 geschrieben. Flink führt ihn mit diesen Unterschieden aus:</translation>
    </message>
</context>
<context>
    <name>sc::designer::MessageTableModel</name>
    <message>
        <location filename="../app/designer/MessageTableModel.cpp" line="+84"/>
        <source>%1 (milliseconds since 1970-01-01 UTC)</source>
        <translation>%1 (Millisekunden seit 1970-01-01 UTC)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offset</source>
        <translation>Offset</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
</context>
<context>
    <name>sc::designer::Minimap</name>
    <message>
        <location filename="../app/designer/Minimap.cpp" line="+24"/>
        <source>Overview: click or drag to move the view</source>
        <translation>Übersicht: klicken oder ziehen, um die Ansicht zu verschieben</translation>
    </message>
</context>
<context>
    <name>sc::designer::NodeFieldsView</name>
    <message>
        <location filename="../app/designer/FieldSampler.cpp" line="+40"/>
        <source>Sample fields</source>
        <translation>Felder ermitteln</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads the first %1 records and remembers their fields in the pipeline file, for completion and spelling checks. Runs never need them.</source>
        <translation>Liest die ersten %1 Datensätze und merkt sich ihre Felder in der Pipeline-Datei, für Vervollständigung und Rechtschreibprüfung. Läufe brauchen sie nie.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sampling…</source>
        <translation>Wird gelesen…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Fields out: unknown</source>
        <translation>Ausgehende Felder: unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sample them to check expressions.</source>
        <translation>ermitteln Sie sie, um Ausdrücke zu prüfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields out: %1</source>
        <translation>Ausgehende Felder: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fields out (at least): %1</source>
        <translation>Ausgehende Felder (mindestens): %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::NodeItem</name>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="+122"/>
        <source>in %1</source>
        <translation>ein %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out %1</source>
        <translation>aus %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n errors</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>sc::designer::NodePalette</name>
    <message>
        <location filename="../app/designer/NodePalette.cpp" line="+52"/>
        <source>Search nodes</source>
        <translation>Knoten suchen</translation>
    </message>
</context>
<context>
    <name>sc::designer::PipelineDocument</name>
    <message>
        <location filename="../app/designer/DocumentCommands.cpp" line="+100"/>
        <source>Connect %1 to %2</source>
        <translation>%1 mit %2 verbinden</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Set %1.%2</source>
        <translation>%1.%2 setzen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Set setting %1</source>
        <translation>Einstellung %1 setzen</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Rename pipeline to %1</source>
        <translation>Pipeline in %1 umbenennen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="+89"/>
        <source>%1: could not load: %2</source>
        <translation>%1: konnte nicht geladen werden: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: not a pipeline file</source>
        <translation>%1: keine Pipeline-Datei</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The validator failed: %1</source>
        <translation>Die Prüfung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>%n Knoten verschieben</numerusform>
            <numerusform>%n Knoten verschieben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-layout</source>
        <translation>Automatisches Layout</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+1"/>
        <location line="+252"/>
        <source>There is no node &apos;%1&apos;.</source>
        <translation>Es gibt keinen Knoten „%1“.</translation>
    </message>
    <message>
        <location line="-251"/>
        <source>A node cannot be connected to itself.</source>
        <translation>Ein Knoten kann nicht mit sich selbst verbunden werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Connect an output port to an input port.</source>
        <translation>Einen Ausgangsport mit einem Eingangsport verbinden.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&apos;%1&apos; has no output port &apos;%2&apos;.</source>
        <translation>„%1“ hat keinen Ausgangsport „%2“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; has no input port &apos;%2&apos;.</source>
        <translation>„%1“ hat keinen Eingangsport „%2“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is already connected to %2.</source>
        <translation>%1 ist bereits mit %2 verbunden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connecting %1 to %2 would make a cycle.</source>
        <translation>Eine Verbindung von %1 zu %2 würde einen Zyklus bilden.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Disconnect</source>
        <translation>Verbindung trennen</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Add connection %1</source>
        <translation>Cluster-Verbindung %1 hinzufügen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Edit connection %1</source>
        <translation>Cluster-Verbindung %1 bearbeiten</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no connection &apos;%1&apos;.</source>
        <translation>Es gibt keine Cluster-Verbindung „%1“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a valid connection name: use letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>„%1“ ist kein gültiger Name für eine Cluster-Verbindung: Buchstaben, Ziffern, „_“ und „-“ verwenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A connection named &apos;%1&apos; exists already.</source>
        <translation>Eine Cluster-Verbindung namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rename connection %1 to %2</source>
        <translation>Cluster-Verbindung %1 in %2 umbenennen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete connection %1</source>
        <translation>Cluster-Verbindung %1 löschen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>&apos;%1&apos; is not a valid node id: use letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>„%1“ ist keine gültige Knoten-ID: Buchstaben, Ziffern, „_“ und „-“ verwenden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A node named &apos;%1&apos; exists already.</source>
        <translation>Ein Knoten namens „%1“ existiert bereits.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The clipboard does not hold pipeline JSON: %1</source>
        <translation>Die Zwischenablage enthält kein Pipeline-JSON: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Paste a pipeline, a node object or an array of nodes.</source>
        <translation>Eine Pipeline, ein Knotenobjekt oder ein Array von Knoten einfügen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every pasted node needs a &quot;type&quot;.</source>
        <translation>Jeder eingefügte Knoten braucht einen „type“.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There are no nodes to paste.</source>
        <translation>Es gibt keine Knoten zum Einfügen.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location filename="../app/designer/DocumentGroups.cpp" line="+115"/>
        <source>Group %1</source>
        <translation>Gruppe %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rename group to %1</source>
        <translation>Gruppe in %1 umbenennen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ungroup %1</source>
        <translation>Gruppierung %1 aufheben</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Collapse %1</source>
        <translation>%1 zuklappen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expand %1</source>
        <translation>%1 aufklappen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move group %1</source>
        <translation>Gruppe %1 verschieben</translation>
    </message>
</context>
<context>
    <name>sc::designer::ProblemsPanel</name>
    <message>
        <location filename="../app/designer/ProblemsPanel.cpp" line="+31"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Ort</translation>
    </message>
</context>
<context>
    <name>sc::designer::PropertyEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="-325"/>
        <source>default: %1</source>
        <translation>Standard: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected a whole number or ${VAR}</source>
        <translation>erwartet eine ganze Zahl oder ${VAR}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected a number or ${VAR}</source>
        <translation>erwartet eine Zahl oder ${VAR}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected true, false or ${VAR}</source>
        <translation>erwartet true, false oder ${VAR}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected a duration such as 250ms, 10s, 5m, 1h, or ${VAR}</source>
        <translation>erwartet eine Dauer wie 250ms, 10s, 5m, 1h oder ${VAR}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>expected one of: %1</source>
        <translation>erwartet einen der Werte: %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Show the value</source>
        <translation>Wert anzeigen</translation>
    </message>
    <message>
        <location filename="../app/designer/ExpressionEditor.cpp" line="+172"/>
        <source>Input fields: none</source>
        <translation>Eingangsfelder: keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input fields: %1</source>
        <translation>Eingangsfelder: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input fields (at least): %1</source>
        <translation>Eingangsfelder (mindestens): %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>column %1: %2</source>
        <translation>Spalte %1: %2</translation>
    </message>
    <message>
        <location filename="../app/designer/TableEditor.cpp" line="+75"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>item</source>
        <translation>Element</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add a row</source>
        <translation>Zeile hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the selected rows</source>
        <translation>Ausgewählte Zeilen entfernen</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>row %1, %2: %3</source>
        <translation>Zeile %1, %2: %3</translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="+111"/>
        <source>not valid JSON</source>
        <translation>kein gültiges JSON</translation>
    </message>
</context>
<context>
    <name>sc::designer::PropertyInspector</name>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="-106"/>
        <source>New connection</source>
        <translation>Neue Cluster-Verbindung</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%n nodes selected.</source>
        <translation>
            <numerusform>%n Knoten ausgewählt.</numerusform>
            <numerusform>%n Knoten ausgewählt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Required.</source>
        <translation>Erforderlich.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Select a node to edit its properties.</source>
        <translation>Einen Knoten auswählen, um seine Eigenschaften zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>pipeline</source>
        <translation>pipeline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pipeline&apos;s name: it names the default checkpoint folder and Kafka transactional ids.</source>
        <translation>Der Name der Pipeline: Er bestimmt den Standardordner der Checkpoints und die transaktionalen IDs für Kafka.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The node&apos;s id: edges and messages refer to it.</source>
        <translation>Die ID des Knotens: Verbindungen und Meldungen beziehen sich darauf.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown node type: its properties cannot be edited here.</source>
        <translation>Unbekannter Knotentyp: Seine Eigenschaften können hier nicht bearbeitet werden.</translation>
    </message>
</context>
<context>
    <name>sc::designer::RunPanel</name>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="+57"/>
        <location line="+15"/>
        <source>Throughput</source>
        <translation>Durchsatz</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>records/s</source>
        <translation>Datensätze/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Consumer lag</source>
        <translation>Consumer-Lag</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>in</source>
        <translation>ein</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out</source>
        <translation>aus</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Records/s in and out</source>
        <translation>Datensätze/s ein und aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes/s in and out</source>
        <translation>Bytes/s ein und aus</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bytes/s</source>
        <translation>Bytes/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Messages per source</source>
        <translation>Nachrichten je Quelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Messages per partition</source>
        <translation>Nachrichten je Partition</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>seconds</source>
        <translation>Sekunden</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Time behind per source</source>
        <translation>Rückstand in Zeit je Quelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time behind per partition</source>
        <translation>Rückstand in Zeit je Partition</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aggregates</source>
        <translation>Aggregate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lag</source>
        <translation>Lag</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Run %1</source>
        <translation>Lauf %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 s ago</source>
        <translation>vor %1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min ago</source>
        <translation>vor %1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h ago</source>
        <translation>vor %1 h</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No checkpoint completed yet</source>
        <translation>Noch kein Checkpoint abgeschlossen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Savepoint %1</source>
        <translation>Savepoint %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checkpoint %1</source>
        <translation>Checkpoint %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>took %1</source>
        <translation>dauerte %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>alignment %1</source>
        <translation>Ausrichtung %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pause %1</source>
        <translation>Pause %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>failed, restart %1 in %2</source>
        <translation>fehlgeschlagen, Neustart %1 in %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n restart(s)</source>
        <translation>
            <numerusform>%n Neustart</numerusform>
            <numerusform>%n Neustarts</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoints completed in this run: %1; failed: %2</source>
        <translation>In diesem Lauf abgeschlossene Checkpoints: %1; fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder: %1</source>
        <translation>Ordner: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest synchronous pause in this run: %1</source>
        <translation>Längste synchrone Pause in diesem Lauf: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last failure: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run the pipeline (F5) to see its aggregates, throughput and consumer lag here.</source>
        <translation>Führen Sie die Pipeline aus (F5), um hier ihre Aggregate, ihren Durchsatz und den Consumer-Lag zu sehen.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 s: sources produced %2 records, sinks received %3</source>
        <translation>%1 s: Quellen erzeugten %2 Datensätze, Senken empfingen %3</translation>
    </message>
</context>
<context>
    <name>sc::designer::RunRecording</name>
    <message>
        <location filename="../app/designer/RunRecording.cpp" line="+41"/>
        <source>Choose a folder for the test.</source>
        <translation>Wählen Sie einen Ordner für den Test.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The wire %1:%2 is not in the running pipeline.</source>
        <translation>Die Verbindung %1:%2 gibt es in der laufenden Pipeline nicht.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The run failed (%1), so the test in %2 may be incomplete.</source>
        <translation>Die Ausführung ist fehlgeschlagen (%1); der Test in %2 ist womöglich unvollständig.</translation>
    </message>
</context>
<context>
    <name>sc::designer::TableEditor</name>
    <message>
        <location filename="../app/designer/TableEditor.cpp" line="-159"/>
        <source>these:</source>
        <translation>diese:</translation>
    </message>
</context>
<context>
    <name>sc::designer::TapPanel</name>
    <message>
        <location filename="../app/designer/TapPanel.cpp" line="+54"/>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
</context>
<context>
    <name>sc::designer::TimeChartView</name>
    <message>
        <location filename="../app/designer/ChartSupport.cpp" line="+22"/>
        <source>Wheel: zoom the time axis · drag: pan · double-click: follow the newest data</source>
        <translation>Mausrad: Zeitachse zoomen · Ziehen: verschieben · Doppelklick: den neuesten Daten folgen</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>CSV of the shown series (*.csv)</source>
        <translation>CSV der gezeigten Reihen (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG picture (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Export Chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>the picture could not be written</source>
        <translation>das Bild konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>sc::designer::TopicBrowser</name>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="+134"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partitions</source>
        <translation>Partitionen</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First offset</source>
        <translation>Erster Offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End offset</source>
        <translation>End-Offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the rest to a file</source>
        <translation>Den Rest in eine Datei speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Produce Again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow</source>
        <translation>Mitverfolgen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Produce</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bootstrap servers, e.g. localhost:9092</source>
        <translation>Bootstrap-Server, z. B. localhost:9092</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drag a topic onto the canvas for a Kafka source reading it; hold Shift while dropping for a Kafka sink writing to it</source>
        <translation>Ziehen Sie ein Topic auf die Arbeitsfläche für eine Kafka-Quelle, die es liest; halten Sie beim Ablegen Umschalt gedrückt für eine Kafka-Senke, die hineinschreibt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>newest · beginning · offset · -N · s@TIME e@TIME · -10m</source>
        <translation>neueste · beginning · Offset · -N · s@ZEIT e@ZEIT · -10m</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where to read, as kcat&apos;s -o: beginning, end, an offset, -N (the last N of each partition), s@TIME (from a time), e@TIME (up to a time) or a relative time such as -10m, -2h, -1d. TIME is epoch milliseconds, 2026-06-01T12:00:00Z or relative. Empty: the newest messages.</source>
        <translation>Wo gelesen wird, wie bei kcats -o: beginning, end, ein Offset, -N (die letzten N jeder Partition), s@ZEIT (ab einer Zeit), e@ZEIT (bis zu einer Zeit) oder eine relative Zeit wie -10m, -2h, -1d. ZEIT ist in Millisekunden seit 1970, 2026-06-01T12:00:00Z oder relativ. Leer: die neuesten Nachrichten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>filter, e.g. temperature &gt; 30 &amp;&amp; $key == &quot;a&quot;</source>
        <translation>Filter, z. B. temperature &gt; 30 &amp;&amp; $key == &quot;a&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An expression in the pipeline&apos;s language over the value&apos;s fields, $key, $headers.NAME, $partition, $offset and $timestamp. The whole range is scanned; the first %L1 matches are kept.</source>
        <translation>Ein Ausdruck in der Sprache der Pipeline über die Felder des Werts, $key, $headers.NAME, $partition, $offset und $timestamp. Der ganze Bereich wird durchsucht; die ersten %L1 Treffer werden behalten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Matches past the first %L1 are written to a JSON lines file you choose</source>
        <translation>Treffer nach den ersten %L1 werden in eine JSON-Lines-Datei Ihrer Wahl geschrieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a message to see it whole</source>
        <translation>Wählen Sie eine Nachricht, um sie vollständig zu sehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the shown messages as JSON lines (as kcat -J prints them) or CSV</source>
        <translation>Die angezeigten Nachrichten als JSON Lines (wie kcat -J sie ausgibt) oder CSV speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected message into the fields below, to edit and produce</source>
        <translation>Die gewählte Nachricht in die Felder unten kopieren, um sie zu bearbeiten und zu senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key (optional)</source>
        <translation>Schlüssel (optional)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>headers: name=value, …</source>
        <translation>Header: name=wert, …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>any partition</source>
        <translation>beliebige Partition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The partition to produce to; &quot;any&quot; lets the partitioner choose</source>
        <translation>Die Partition, in die gesendet wird; „beliebig“ überlässt die Wahl dem Partitionierer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show new messages of the selected topic as they arrive</source>
        <translation>Neue Nachrichten des ausgewählten Topics anzeigen, sobald sie eintreffen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cluster:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumer Groups</source>
        <translation>Consumer Groups</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show value as:</source>
        <translation>Wert anzeigen als:</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%L1 of %L2 messages read, %L3 matches</source>
        <translation>%L1 von %L2 Nachrichten gelesen, %L3 Treffer</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+17"/>
        <source>Enter a cluster&apos;s bootstrap servers (for example what streamcanvas-run --sandbox prints) and press Refresh.</source>
        <translation>Die Bootstrap-Server eines Clusters eingeben (zum Beispiel, was streamcanvas-run --sandbox ausgibt) und Aktualisieren drücken.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a cluster and press Refresh.</source>
        <translation>Einen Cluster wählen und Aktualisieren drücken.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>embedded</source>
        <translation>eingebettet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection %1 (%2)</source>
        <translation>Cluster-Verbindung %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connection &apos;%1&apos; of this pipeline: the designer&apos;s embedded cluster, started when needed and shared with its runs</source>
        <translation>Cluster-Verbindung „%1“ dieser Pipeline: der eingebettete Cluster des Designers, bei Bedarf gestartet und mit seinen Läufen geteilt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection &apos;%1&apos; of this pipeline, with its librdkafka properties; ${VAR} references are read from the environment</source>
        <translation>Cluster-Verbindung „%1“ dieser Pipeline, mit ihren librdkafka-Eigenschaften; ${VAR}-Verweise werden aus der Umgebung gelesen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 run&apos;s embedded cluster (%2)</source>
        <translation>Eingebetteter Cluster des Laufs %1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The embedded cluster that a run started for connection &apos;%1&apos; in this designer</source>
        <translation>Der eingebettete Cluster, den ein Lauf in diesem Designer für die Cluster-Verbindung „%1“ gestartet hat</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Cannot use connection &apos;%1&apos;: %2</source>
        <translation>Cluster-Verbindung „%1“ nicht nutzbar: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; is no cluster address. Choose an entry of the list, or type bootstrap servers such as localhost:9092 or host1:9092,host2:9092.</source>
        <translation>„%1“ ist keine Cluster-Adresse. Einen Eintrag der Liste wählen oder Bootstrap-Server eingeben, etwa localhost:9092 oder host1:9092,host2:9092.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Connection &apos;%1&apos; uses the embedded cluster, which only runs inside the designer&apos;s window.</source>
        <translation>Cluster-Verbindung „%1“ nutzt den eingebetteten Cluster, der nur im Fenster des Designers läuft.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot start the embedded cluster of connection &apos;%1&apos;: %2</source>
        <translation>Der eingebettete Cluster der Cluster-Verbindung „%1“ lässt sich nicht starten: %2</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Enter the cluster&apos;s bootstrap servers first.</source>
        <translation>Zuerst die Bootstrap-Server des Clusters eingeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listing topics of %1…</source>
        <translation>Topics von %1 werden aufgelistet…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot list topics of %1: %2</source>
        <translation>Topics von %1 können nicht aufgelistet werden: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>1 topic on %1</source>
        <translation>1 Topic auf %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n topics on %1</source>
        <translation>
            <numerusform>%n Topic auf %1</numerusform>
            <numerusform>%n Topics auf %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowserMessages.cpp" line="+140"/>
        <location line="+150"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message numerus="yes">
        <location line="-143"/>
        <source>%1: the newest %n messages</source>
        <translation>
            <numerusform>%1: die neueste Nachricht</numerusform>
            <numerusform>%1: die neuesten %n Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="+26"/>
        <source>Configuration: asking…</source>
        <translation>Konfiguration: wird abgefragt…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+10"/>
        <source>Configuration: %1</source>
        <translation>Konfiguration: %1</translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowserMessages.cpp" line="+34"/>
        <source>Cannot follow %1: %2</source>
        <translation>%1 kann nicht mitverfolgt werden: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n newer messages arrived at once and are not shown; Read with an empty start shows the newest.</source>
        <translation>
            <numerusform>%n neuere Nachricht kam auf einmal an und wird nicht gezeigt; Lesen mit leerem Start zeigt die neuesten.</numerusform>
            <numerusform>%n neuere Nachrichten kamen auf einmal an und werden nicht gezeigt; Lesen mit leerem Start zeigt die neuesten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>It does not match the filter %1, so it is not shown.</source>
        <translation>Sie passt nicht zum Filter %1 und wird daher nicht angezeigt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a topic to read (press Refresh to list the topics).</source>
        <translation>Wählen Sie ein Topic zum Lesen (Aktualisieren listet die Topics auf).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Read from: %1</source>
        <translation>Lesen ab: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save Matches Past the First %L1</source>
        <translation>Treffer nach den ersten %L1 speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanning %1 for %2…</source>
        <translation>%1 wird nach %2 durchsucht…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %L2 of %L3 messages read, %L4 matched, %L5 shown</source>
        <translation>%1: %L2 von %L3 Nachrichten gelesen, %L4 Treffer, %L5 angezeigt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; %L1 more saved to the file</source>
        <translation>; %L1 weitere in der Datei gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (cancelled)</source>
        <translation> (abgebrochen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no messages.</source>
        <translation>%1 enthält keine Nachrichten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was written to %1 since the start of the range: its newest message is from %2.</source>
        <translation>Seit dem Beginn des Bereichs wurde nichts in %1 geschrieben: die neueste Nachricht stammt von %2.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Partition %1 · offset %2 · %3 (%4 ms)</source>
        <translation>Partition %1 · Offset %2 · %3 (%4 ms)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key: %1</source>
        <translation>Schlüssel: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers: %1</source>
        <translation>Header: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no value: a tombstone)</source>
        <translation>(kein Wert: ein Tombstone)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(not JSON: %1 at byte %2; shown as text)</source>
        <translation>(kein JSON: %1 bei Byte %2; als Text angezeigt)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+12"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export Messages</source>
        <translation>Nachrichten exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Exported %n messages to %1</source>
        <translation>
            <numerusform>%n Nachricht nach %1 exportiert</numerusform>
            <numerusform>%n Nachrichten nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit the message and press Produce to send it to %1 again.</source>
        <translation>Bearbeiten Sie die Nachricht und drücken Sie Senden, um sie erneut an %1 zu senden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a cluster and press Refresh, then select a topic to produce to.</source>
        <translation>Einen Cluster wählen und „Aktualisieren“ drücken, dann das Topic auswählen, an das gesendet werden soll.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a topic to produce to (press Refresh to list the topics).</source>
        <translation>Das Topic auswählen, an das gesendet werden soll („Aktualisieren“ listet die Topics auf).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Producing to %1…</source>
        <translation>Senden an %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot produce: %1</source>
        <translation>Senden nicht möglich: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Produced to %1, partition %2, offset %3</source>
        <translation>An %1 gesendet, Partition %2, Offset %3</translation>
    </message>
</context>
<context>
    <name>sc::designer::WireView</name>
    <message>
        <location filename="../app/designer/WireView.cpp" line="+58"/>
        <location line="+102"/>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Pretty JSON</source>
        <translation>JSON eingerückt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata</source>
        <translation>Metadaten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>While paused, records are counted but not copied or shown</source>
        <translation>Angehalten werden Datensätze gezählt, aber weder kopiert noch angezeigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter, e.g. amount &gt; 100 &amp;&amp; currency == &quot;EUR&quot;</source>
        <translation>Filter, z. B. amount &gt; 100 &amp;&amp; currency == &quot;EUR&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shows only the records for which this expression is true (the pipeline&apos;s expression language; fields, and $key, $topic, $partition, $offset, $timestamp, $headers.NAME). Press Enter to apply.</source>
        <translation>Zeigt nur die Datensätze, für die dieser Ausdruck wahr ist (die Ausdruckssprache der Pipeline; Felder sowie $key, $topic, $partition, $offset, $timestamp, $headers.NAME). Mit Enter anwenden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shows each record&apos;s topic, partition, offset, key, headers, event time and the time it passed</source>
        <translation>Zeigt zu jedem Datensatz Topic, Partition, Offset, Schlüssel, Header, Ereigniszeit und die Zeit, zu der er vorbeikam</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Break when</source>
        <translation>Anhalten, wenn</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Holds the first record for which the condition is true (any record when it is empty): that branch of the pipeline waits until Step or Continue</source>
        <translation>Hält den ersten Datensatz an, für den die Bedingung wahr ist (bei leerer Bedingung jeden): dieser Zweig der Pipeline wartet bis Schritt oder Weiter</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Condition (empty: every record)</source>
        <translation>Bedingung (leer: jeder Datensatz)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passes the held record and holds the next one</source>
        <translation>Lässt den angehaltenen Datensatz durch und hält den nächsten an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step Batch</source>
        <translation>Schritt (Batch)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passes the held record and the rest of its batch, and holds the first record of the next batch</source>
        <translation>Lässt den angehaltenen Datensatz und den Rest seines Batches durch und hält den ersten Datensatz des nächsten Batches an</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passes the held record and runs to the next one that matches</source>
        <translation>Lässt den angehaltenen Datensatz durch und läuft bis zum nächsten passenden</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The filter does not apply: %1. Fix it and press Enter.</source>
        <translation>Der Filter greift nicht: %1. Korrigieren Sie ihn und drücken Sie Enter.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The condition does not apply: %1. Fix it and press Enter.</source>
        <translation>Die Bedingung greift nicht: %1. Korrigieren Sie sie und drücken Sie Enter.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>topic %1</source>
        <translation>Topic %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partition %1</source>
        <translation>Partition %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offset %1</source>
        <translation>Offset %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key %1</source>
        <translation>Schlüssel %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>headers %1</source>
        <translation>Header %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>event time %1</source>
        <translation>Ereigniszeit %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrived %1</source>
        <translation>eingetroffen %1</translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>Console sinks printed %n records (the newest %1 are kept here)</source>
        <translation>
            <numerusform>Console-Senken gaben %n Datensatz aus (die neuesten %1 bleiben hier)</numerusform>
            <numerusform>Console-Senken gaben %n Datensätze aus (die neuesten %1 bleiben hier)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records that console sinks print appear here while the pipeline runs. To watch any wire, select it and choose Run ▸ Tap Selected Wire (Ctrl+T).</source>
        <translation>Was Console-Senken ausgeben, erscheint hier, während die Pipeline läuft. Um eine beliebige Verbindung zu beobachten, wählen Sie sie aus und dann Ausführen ▸ Ausgewählte Verbindung mitlesen (Strg+T).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Wire %1: %n records passed (a sample shown: up to %2 of every batch, %3 a second)</source>
        <translation>
            <numerusform>Verbindung %1: %n Datensatz passiert (Stichprobe angezeigt: bis zu %2 je Batch, %3 pro Sekunde)</numerusform>
            <numerusform>Verbindung %1: %n Datensätze passiert (Stichprobe angezeigt: bis zu %2 je Batch, %3 pro Sekunde)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Wire %1: %n records passed (none skipped; the newest %2 are kept here)</source>
        <translation>
            <numerusform>Verbindung %1: %n Datensatz passiert (keiner ausgelassen; die neuesten %2 bleiben hier)</numerusform>
            <numerusform>Verbindung %1: %n Datensätze passiert (keiner ausgelassen; die neuesten %2 bleiben hier)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(paused)</source>
        <translation>(angehalten)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Held before this record, after a step:</source>
        <translation>Vor diesem Datensatz angehalten, nach einem Schritt:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held before this record (the condition&apos;s hit %1):</source>
        <translation>Vor diesem Datensatz angehalten (Treffer %1 der Bedingung):</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (milliseconds since 1970-01-01 UTC)</source>
        <translation>%1 (Millisekunden seit 1970-01-01 UTC)</translation>
    </message>
</context>
</TS>
