// Generated from the node specs by sc-spec-strings (cmake --build build --target
// update_translations): do not edit. lupdate reads this file; the compiler does not.
// The designer translates these texts where it shows them, with
// QCoreApplication::translate("NodeSpec", text) (app/designer/Translations.h).
// clang-format off

//: category; category; category
QT_TRANSLATE_NOOP("NodeSpec", "Sinks")

//: console.sink title
QT_TRANSLATE_NOOP("NodeSpec", "Console")

//: console.sink summary
QT_TRANSLATE_NOOP("NodeSpec", "Prints every record as one JSON line on standard output.")

//: console.sink description
QT_TRANSLATE_NOOP("NodeSpec", "Records read from JSON keep their text as it came, with the fields set or dropped by map applied; generated records list their fields in order.")

//: console.sink input in
QT_TRANSLATE_NOOP("NodeSpec", "Records to print")

//: discard.sink title
QT_TRANSLATE_NOOP("NodeSpec", "Discard")

//: discard.sink summary
QT_TRANSLATE_NOOP("NodeSpec", "Drops every record (ends a branch; measures a pipeline without sink cost).")

//: discard.sink input in
QT_TRANSLATE_NOOP("NodeSpec", "Records to drop")

//: file.sink title
QT_TRANSLATE_NOOP("NodeSpec", "File sink")

//: file.sink summary
QT_TRANSLATE_NOOP("NodeSpec", "Writes records to a file as JSON lines or CSV.")

//: file.sink description
QT_TRANSLATE_NOOP("NodeSpec", "A fresh start creates the file, or replaces it (`mode: overwrite`) or refuses to touch an existing one (`mode: fail`). At every checkpoint the file is synced to disk and its length recorded; a run restored from a checkpoint cuts the file back to that length and appends, so every result is in it exactly once. CSV takes its header from the first record's fields; later fields not in it are left out.\n\nUnlike kafka.sink it has no `on_error`: a file refuses no single record, and a write error (disk full, I/O error) concerns every record after it, so skipping would lose them all silently. Such an error fails the run; a restart resumes from the last checkpoint and cuts the file back to it.")

//: file.sink input in; kafka.sink input in
QT_TRANSLATE_NOOP("NodeSpec", "Records to write")

//: file.sink property; file.source property
QT_TRANSLATE_NOOP3("NodeSpec", "path", "property name")

//: file.sink property path
QT_TRANSLATE_NOOP("NodeSpec", "File to write (its directory must exist)")

//: file.sink property; kafka.sink property; file.source property
QT_TRANSLATE_NOOP3("NodeSpec", "format", "property name")

//: file.sink property format
QT_TRANSLATE_NOOP("NodeSpec", "jsonl: one JSON object per line; csv: header row, then one row per record")

//: file.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "mode", "property name")

//: file.sink property mode
QT_TRANSLATE_NOOP("NodeSpec", "When the file exists at a fresh start (not a restore): overwrite it, or fail the run")

//: kafka.sink title
QT_TRANSLATE_NOOP("NodeSpec", "Kafka Sink")

//: kafka.sink summary
QT_TRANSLATE_NOOP("NodeSpec", "Writes records as JSON messages to a Kafka topic; idempotent, acknowledged before offsets commit.")

//: kafka.sink description
QT_TRANSLATE_NOOP("NodeSpec", "Produces every record as one JSON message to `topic`, with the record's event time as the message timestamp. `key` is an expression (default: the record's own Kafka key). `headers`: `keep` (default) passes the record's incoming Kafka headers through, `drop` writes none, and an object of name -> expression writes exactly those (an expression reads an incoming header as `$headers.NAME`). `acks`, `compression` and `linger` set the matching librdkafka properties when given; `idempotence` is on by default.\n\nA record the cluster refuses (larger than `message.max.bytes`, invalid) follows `on_error`: `fail` stops the run naming the topic and reason; `skip` drops it; `dead_letter` writes it to `dead_letter_topic` with its key, timestamp and headers plus `sc.error` (the reason) and `sc.topic` (where it was meant to go); a dead letter too large itself keeps the start of the value and its size in `sc.value.bytes`. Skipped and dead-lettered records count as errors (`refused` gauge). A message that cannot be delivered because the cluster is unreachable always fails the run after librdkafka's retries: nothing is lost, its source offsets stay uncommitted.\n\nUnder `delivery: exactly_once` a dead letter is written in the same transaction as the records, so it commits or aborts with them. librdkafka refuses too-large records before sending them, which `skip` and `dead_letter` handle inside the transaction; a record the broker refuses after sending makes the whole transaction abortable, so the run fails and restarts from its last checkpoint: keep the producer's `message.max.bytes` at or below the topic's `max.message.bytes` to have every refusal handled per record.\n\nWhen the run stops while the cluster does not answer, the sink waits at most 5 s for acknowledgements, then ends the run with an error counting the records not delivered.")

//: kafka.sink property; kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "connection", "property name")

//: kafka.sink property connection; kafka.source property connection
QT_TRANSLATE_NOOP("NodeSpec", "Name of a Kafka entry under \"connections\"")

//: kafka.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "topic", "property name")

//: kafka.sink property topic
QT_TRANSLATE_NOOP("NodeSpec", "Topic to write to")

//: kafka.sink property; window.hopping property; window.session property
QT_TRANSLATE_NOOP3("NodeSpec", "key", "property name")

//: kafka.sink property key
QT_TRANSLATE_NOOP("NodeSpec", "Message key (default: the record's own key, if any)")

//: kafka.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "headers", "property name")

//: kafka.sink property headers
QT_TRANSLATE_NOOP("NodeSpec", "Message headers: keep the incoming ones, drop them, or name -> expression")

//: kafka.sink property format
QT_TRANSLATE_NOOP("NodeSpec", "Message format")

//: kafka.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "acks", "property name")

//: kafka.sink property acks
QT_TRANSLATE_NOOP("NodeSpec", "Acknowledgements to wait for (all is required by idempotence)")

//: kafka.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "compression", "property name")

//: kafka.sink property compression
QT_TRANSLATE_NOOP("NodeSpec", "Compression codec")

//: kafka.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "linger", "property name")

//: kafka.sink property linger
QT_TRANSLATE_NOOP("NodeSpec", "How long to wait to fill batches")

//: kafka.sink property
QT_TRANSLATE_NOOP3("NodeSpec", "idempotence", "property name")

//: kafka.sink property idempotence
QT_TRANSLATE_NOOP("NodeSpec", "Exactly one copy per message in the topic despite retries")

//: kafka.sink property; file.source property; kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "on_error", "property name")

//: kafka.sink property on_error
QT_TRANSLATE_NOOP("NodeSpec", "A record the cluster refuses (too large, invalid): fail the run, skip it, or write it to dead_letter_topic")

//: kafka.sink property; kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "dead_letter_topic", "property name")

//: kafka.sink property dead_letter_topic
QT_TRANSLATE_NOOP("NodeSpec", "Topic for refused records (on_error: dead_letter), with the reason in header sc.error")

//: category; category; category
QT_TRANSLATE_NOOP("NodeSpec", "Sources")

//: file.source title
QT_TRANSLATE_NOOP("NodeSpec", "File source")

//: file.source summary
QT_TRANSLATE_NOOP("NodeSpec", "Reads JSON lines or CSV (with a header row) from a file, optionally following it.")

//: file.source description
QT_TRANSLATE_NOOP("NodeSpec", "Each line is one record; $offset is its line number and $timestamp the time it was read. CSV cells become numbers, true/false or strings, and empty cells null. Invalid lines are counted as errors, the first few logged with file:line, and skipped (or, with on_error = fail, stop the run).")

//: file.source output out
QT_TRANSLATE_NOOP("NodeSpec", "One record per line")

//: file.source property path
QT_TRANSLATE_NOOP("NodeSpec", "File to read (relative paths from the working directory)")

//: file.source property format
QT_TRANSLATE_NOOP("NodeSpec", "jsonl: one JSON object per line; csv: comma-separated with a header row")

//: file.source property
QT_TRANSLATE_NOOP3("NodeSpec", "follow", "property name")

//: file.source property follow
QT_TRANSLATE_NOOP("NodeSpec", "Keep reading lines appended to the file, like tail -f (never ends)")

//: file.source property on_error
QT_TRANSLATE_NOOP("NodeSpec", "Invalid line: count, log and skip it, or stop the run")

//: file.source property; generator property; kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "on_timestamp_error", "property name")

//: file.source property on_timestamp_error; generator property on_timestamp_error
QT_TRANSLATE_NOOP("NodeSpec", "A record whose event time (a window's timestamp) cannot be computed: late (to the window's late port, or counted and dropped), skip (count and drop) or fail the run. It never moves the watermark")

//: generator title
QT_TRANSLATE_NOOP("NodeSpec", "Generator")

//: generator summary
QT_TRANSLATE_NOOP("NodeSpec", "Deterministic synthetic records: sensor readings, page clicks or payments.")

//: generator description
QT_TRANSLATE_NOOP("NodeSpec", "Same seed, same records. Fields per template (ts is the event time in epoch milliseconds, also the record's $timestamp):\n- sensors: device (d-000..d-015), temperature, humidity, status (ok/warn/error), ts\n- clicks: user, page, referrer, ts\n- payments: payment_id, account, amount, currency, ts\nEvent times start at start_time and advance by interval per record, independent of the wall clock, so runs are reproducible.")

//: generator output out
QT_TRANSLATE_NOOP("NodeSpec", "Generated records")

//: generator property
QT_TRANSLATE_NOOP3("NodeSpec", "template", "property name")

//: generator property template
QT_TRANSLATE_NOOP("NodeSpec", "Shape of the records")

//: generator property
QT_TRANSLATE_NOOP3("NodeSpec", "rate", "property name")

//: generator property rate
QT_TRANSLATE_NOOP("NodeSpec", "Records per second; 0 = as fast as possible")

//: generator property
QT_TRANSLATE_NOOP3("NodeSpec", "count", "property name")

//: generator property count
QT_TRANSLATE_NOOP("NodeSpec", "Records to produce, then end; 0 = unbounded")

//: generator property
QT_TRANSLATE_NOOP3("NodeSpec", "seed", "property name")

//: generator property seed
QT_TRANSLATE_NOOP("NodeSpec", "Random seed: the same seed gives the same records")

//: generator property
QT_TRANSLATE_NOOP3("NodeSpec", "start_time", "property name")

//: generator property start_time
QT_TRANSLATE_NOOP("NodeSpec", "Event time of the first record: ISO-8601 or epoch ms (default 2026-01-01T00:00:00Z)")

//: generator property
QT_TRANSLATE_NOOP3("NodeSpec", "interval", "property name")

//: generator property interval
QT_TRANSLATE_NOOP("NodeSpec", "Event time between consecutive records")

//: kafka.source title
QT_TRANSLATE_NOOP("NodeSpec", "Kafka Source")

//: kafka.source summary
QT_TRANSLATE_NOOP("NodeSpec", "Reads records from Kafka topics; its offsets are part of every checkpoint.")

//: kafka.source description
QT_TRANSLATE_NOOP("NodeSpec", "Consumes `topics` (or every topic matching `topic_pattern`) as consumer group `group_id`. Each record carries `$key`, `$topic`, `$partition`, `$offset`, `$timestamp` and `$headers.NAME`. The position per topic and partition is saved in every checkpoint and a restored run resumes there; `start` applies only to partitions without one. Offsets are committed to the group when a checkpoint completes, so they never run ahead of what every sink has made durable. Transactions are read committed. `bounded` reads every partition up to the end offsets seen when the run starts, then ends the run. With `format: text` the payload is the string field `value`.")

//: kafka.source output out
QT_TRANSLATE_NOOP("NodeSpec", "Records read from Kafka")

//: kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "topics", "property name")

//: kafka.source property topics
QT_TRANSLATE_NOOP("NodeSpec", "Topics to read")

//: kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "topic_pattern", "property name")

//: kafka.source property topic_pattern
QT_TRANSLATE_NOOP("NodeSpec", "Regular expression; every matching topic is read (instead of topics)")

//: kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "group_id", "property name")

//: kafka.source property group_id
QT_TRANSLATE_NOOP("NodeSpec", "Consumer group (default: streamcanvas-<pipeline name>)")

//: kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "start", "property name")

//: kafka.source property start
QT_TRANSLATE_NOOP("NodeSpec", "Where to begin on a partition that has no offset in the checkpoint or the group: earliest, latest, committed (= earliest), an ISO-8601 time or epoch milliseconds")

//: kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "bounded", "property name")

//: kafka.source property bounded
QT_TRANSLATE_NOOP("NodeSpec", "Stop at the end offsets seen at start (backfills, tests)")

//: kafka.source property format
QT_TRANSLATE_NOOP("NodeSpec", "Payload format: json objects, or text (field 'value')")

//: kafka.source property on_error
QT_TRANSLATE_NOOP("NodeSpec", "Messages that are not JSON objects: skip (count and log a sample), dead_letter (copy to dead_letter_topic with error headers) or fail the run")

//: kafka.source property dead_letter_topic
QT_TRANSLATE_NOOP("NodeSpec", "Topic for malformed messages (on_error: dead_letter) and records without a usable event time (on_timestamp_error: dead_letter)")

//: kafka.source property
QT_TRANSLATE_NOOP3("NodeSpec", "commit_interval", "property name")

//: kafka.source property commit_interval
QT_TRANSLATE_NOOP("NodeSpec", "Deprecated and ignored: offsets are committed when a checkpoint completes (settings.checkpoint_interval); kept so older files load")

//: kafka.source property on_timestamp_error
QT_TRANSLATE_NOOP("NodeSpec", "A record whose event time (a window's timestamp) cannot be computed: late (to the window's late port, or counted and dropped), dead_letter (to dead_letter_topic), skip (count and drop) or fail the run. It never moves the watermark")

//: category; category
QT_TRANSLATE_NOOP("NodeSpec", "Transforms")

//: filter title
QT_TRANSLATE_NOOP("NodeSpec", "Filter")

//: filter summary
QT_TRANSLATE_NOOP("NodeSpec", "Keeps the records for which a condition is true; the others go to 'rejected' if wired.")

//: filter input in
QT_TRANSLATE_NOOP("NodeSpec", "Records to test")

//: filter output out
QT_TRANSLATE_NOOP("NodeSpec", "Records for which the condition is true")

//: filter output rejected
QT_TRANSLATE_NOOP("NodeSpec", "Records for which it is false or null")

//: filter property
QT_TRANSLATE_NOOP3("NodeSpec", "condition", "property name")

//: filter property condition
QT_TRANSLATE_NOOP("NodeSpec", "Boolean expression over the record's fields, e.g. temperature > 30 && status == \"ok\"")

//: map title
QT_TRANSLATE_NOOP("NodeSpec", "Map")

//: map summary
QT_TRANSLATE_NOOP("NodeSpec", "Sets fields from expressions and drops fields.")

//: map input in
QT_TRANSLATE_NOOP("NodeSpec", "Records to transform")

//: map output out
QT_TRANSLATE_NOOP("NodeSpec", "Transformed records")

//: map property
QT_TRANSLATE_NOOP3("NodeSpec", "set", "property name")

//: map property set
QT_TRANSLATE_NOOP("NodeSpec", "Field name -> expression; every expression sees the incoming record")

//: map property
QT_TRANSLATE_NOOP3("NodeSpec", "drop", "property name")

//: map property drop
QT_TRANSLATE_NOOP("NodeSpec", "Fields to remove from the record")

//: category; category; category
QT_TRANSLATE_NOOP("NodeSpec", "Windows")

//: window.hopping title
QT_TRANSLATE_NOOP("NodeSpec", "Hopping window")

//: window.hopping summary
QT_TRANSLATE_NOOP("NodeSpec", "Aggregates per key over fixed windows that start every `slide` and may overlap.")

//: window.hopping description; window.session description; window.tumbling description
QT_TRANSLATE_NOOP("NodeSpec", "Outputs {window_start, window_end, key, <as>...} per key and window once the watermark passes the window end (event time) or the clock does (processing time); every open window fires when a bounded input ends. Records later than the allowed lateness go to `late` when it is wired and are otherwise counted (gauge late_dropped) and dropped. See docs/windows.md.")

//: window.hopping input in; window.session input in; window.tumbling input in
QT_TRANSLATE_NOOP("NodeSpec", "Records to aggregate.")

//: window.hopping output out; window.session output out; window.tumbling output out
QT_TRANSLATE_NOOP("NodeSpec", "One record per key and window.")

//: window.hopping output late; window.session output late; window.tumbling output late
QT_TRANSLATE_NOOP("NodeSpec", "Records that arrived after their windows closed (optional).")

//: window.hopping property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "size", "property name")

//: window.hopping property size
QT_TRANSLATE_NOOP("NodeSpec", "Length of each window.")

//: window.hopping property
QT_TRANSLATE_NOOP3("NodeSpec", "slide", "property name")

//: window.hopping property slide
QT_TRANSLATE_NOOP("NodeSpec", "A new window starts every `slide` (at most `size`).")

//: window.hopping property key; window.session property key; window.tumbling property key
QT_TRANSLATE_NOOP("NodeSpec", "Group by this expression, or by a list of expressions (the output key is then an object whose members are named after the expressions). Absent: one group for all records.")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "aggregates", "property name")

//: window.hopping property aggregates; window.session property aggregates; window.tumbling property aggregates
QT_TRANSLATE_NOOP("NodeSpec", "What to compute per key and window: {\"as\": name, \"fn\": function, \"of\": expression}.")

//: window.hopping aggregates property; window.session aggregates property; window.tumbling aggregates property
QT_TRANSLATE_NOOP3("NodeSpec", "as", "property name")

//: window.hopping aggregates property as; window.session aggregates property as; window.tumbling aggregates property as
QT_TRANSLATE_NOOP("NodeSpec", "Output field name.")

//: window.hopping aggregates property; window.session aggregates property; window.tumbling aggregates property
QT_TRANSLATE_NOOP3("NodeSpec", "fn", "property name")

//: window.hopping aggregates property fn; window.session aggregates property fn; window.tumbling aggregates property fn
QT_TRANSLATE_NOOP("NodeSpec", "count, sum, avg, min, max, first, last, count_distinct, or percentile p50/p90/p95/p99 (within 1%).")

//: window.hopping aggregates property; window.session aggregates property; window.tumbling aggregates property
QT_TRANSLATE_NOOP3("NodeSpec", "of", "property name")

//: window.hopping aggregates property of; window.session aggregates property of; window.tumbling aggregates property of
QT_TRANSLATE_NOOP("NodeSpec", "The value aggregated (not needed for count, which then counts records).")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "time", "property name")

//: window.hopping property time; window.session property time; window.tumbling property time
QT_TRANSLATE_NOOP("NodeSpec", "event: windows follow record timestamps and watermarks; processing: the wall clock.")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "timestamp", "property name")

//: window.hopping property timestamp; window.session property timestamp; window.tumbling property timestamp
QT_TRANSLATE_NOOP("NodeSpec", "Event time of a record: epoch milliseconds or an ISO-8601 string.")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "max_out_of_orderness", "property name")

//: window.hopping property max_out_of_orderness; window.session property max_out_of_orderness; window.tumbling property max_out_of_orderness
QT_TRANSLATE_NOOP("NodeSpec", "How far records may arrive out of event-time order.")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "allowed_lateness", "property name")

//: window.hopping property allowed_lateness; window.session property allowed_lateness; window.tumbling property allowed_lateness
QT_TRANSLATE_NOOP("NodeSpec", "How long a window keeps its state after firing; later records update and re-emit it.")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "idle_timeout", "property name")

//: window.hopping property idle_timeout; window.session property idle_timeout; window.tumbling property idle_timeout
QT_TRANSLATE_NOOP("NodeSpec", "A source partition silent this long stops holding the watermark back (0: never).")

//: window.hopping property; window.session property; window.tumbling property
QT_TRANSLATE_NOOP3("NodeSpec", "emit", "property name")

//: window.hopping property emit; window.session property emit; window.tumbling property emit
QT_TRANSLATE_NOOP("NodeSpec", "final: one result per window when it closes; a duration such as 1s: also updated results of open windows at that interval.")

//: window.session title
QT_TRANSLATE_NOOP("NodeSpec", "Session window")

//: window.session summary
QT_TRANSLATE_NOOP("NodeSpec", "Aggregates per key over bursts of activity separated by a gap of silence.")

//: window.session property
QT_TRANSLATE_NOOP3("NodeSpec", "gap", "property name")

//: window.session property gap
QT_TRANSLATE_NOOP("NodeSpec", "A key's session closes after this long without records; records less than `gap` apart share one.")

//: window.tumbling title
QT_TRANSLATE_NOOP("NodeSpec", "Tumbling window")

//: window.tumbling summary
QT_TRANSLATE_NOOP("NodeSpec", "Aggregates per key over fixed, non-overlapping time windows.")

//: window.tumbling property size
QT_TRANSLATE_NOOP("NodeSpec", "Length of each window; windows are aligned to the epoch.")

//: pipeline settings title
QT_TRANSLATE_NOOP("NodeSpec", "Pipeline settings")

//: pipeline settings summary
QT_TRANSLATE_NOOP("NodeSpec", "Delivery guarantee, checkpoints and what happens when a node fails.")

//: pipeline settings property
QT_TRANSLATE_NOOP3("NodeSpec", "delivery", "property name")

//: pipeline settings property delivery
QT_TRANSLATE_NOOP("NodeSpec", "at_least_once: after a failure some records may be written twice; exactly_once: Kafka sinks write in transactions committed with each checkpoint, file sinks roll back to the checkpoint, so every result is written once")

//: pipeline settings property
QT_TRANSLATE_NOOP3("NodeSpec", "checkpoint_interval", "property name")

//: pipeline settings property checkpoint_interval
QT_TRANSLATE_NOOP("NodeSpec", "How often a checkpoint (sources' offsets, window state, sinks' progress) is taken")

//: pipeline settings property
QT_TRANSLATE_NOOP3("NodeSpec", "checkpoint_dir", "property name")

//: pipeline settings property checkpoint_dir
QT_TRANSLATE_NOOP("NodeSpec", "Folder for checkpoints (default: $XDG_STATE_HOME/streamcanvas/<pipeline name>, else ~/.local/state/streamcanvas/<pipeline name>); --checkpoint-dir overrides it")

//: pipeline settings property
QT_TRANSLATE_NOOP3("NodeSpec", "restart", "property name")

//: pipeline settings property restart
QT_TRANSLATE_NOOP("NodeSpec", "After a node fails: {\"strategy\": \"none\" | \"fixed_delay\" | \"exponential\", \"attempts\": 5, \"delay\": \"1s\", \"max_delay\": \"1m\"}; the pipeline restarts from the last checkpoint. Configuration errors found at start are never retried")

//: pipeline settings property
QT_TRANSLATE_NOOP3("NodeSpec", "instance", "property name")

//: pipeline settings property instance
QT_TRANSLATE_NOOP("NodeSpec", "Name of this runner among several that run the pipeline (part of Kafka transactional ids); --instance overrides it")

//: pipeline settings property
QT_TRANSLATE_NOOP3("NodeSpec", "scale_out", "property name")

//: pipeline settings property scale_out
QT_TRANSLATE_NOOP("NodeSpec", "Several runners share this pipeline through Kafka consumer groups: partitions (and the window state of each partition, kept in changelog topics) move between them; --scale-out sets it")
