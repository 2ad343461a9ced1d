<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>HelpMenus</name>
    <message>
        <location filename="../app/designer/HelpMenus.cpp" line="+119"/>
        <source>Zoom around the cursor</source>
        <translation>Zoomer autour du curseur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mouse wheel</source>
        <translation>Molette de la souris</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pan</source>
        <translation>Déplacer la vue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Middle button drag, or Space + drag</source>
        <translation>Glisser avec le bouton du milieu, ou Espace + glisser</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select several nodes</source>
        <translation>Sélectionner plusieurs nœuds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a rectangle on the empty canvas</source>
        <translation>Tracer un rectangle sur le canevas vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wire two nodes</source>
        <translation>Relier deux nœuds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag from an output port to an input port</source>
        <translation>Glisser d’un port de sortie vers un port d’entrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a node</source>
        <translation>Ajouter un nœud</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag it from the Nodes panel, or double-click it there</source>
        <translation>Le glisser depuis le panneau Nœuds, ou double-cliquer dessus</translation>
    </message>
</context>
<context>
    <name>NodeSpec</name>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="+155"/>
        <source>strategy</source>
        <comment>property name</comment>
        <translation>Stratégie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>attempts</source>
        <comment>property name</comment>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>delay</source>
        <comment>property name</comment>
        <translation>Délai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max_delay</source>
        <comment>property name</comment>
        <translation>Délai max.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>What happens when a node fails: no restart, a fixed delay between restarts, or a delay that doubles up to max_delay</source>
        <translation>Ce qui se passe quand un nœud échoue&#xa0;: pas de redémarrage, un délai fixe entre les redémarrages, ou un délai qui double jusqu’à max_delay</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Restarts before the run fails</source>
        <translation>Redémarrages avant l’échec de l’exécution</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delay before the first restart</source>
        <translation>Délai avant le premier redémarrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Longest delay (exponential strategy)</source>
        <translation>Délai le plus long (stratégie exponential)</translation>
    </message>
    <message>
        <location filename="NodeSpecStrings.cpp" line="+8"/>
        <source>Sinks</source>
        <extracomment>category; category; category</extracomment>
        <translation>Destinations</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Prints every record as one JSON line on standard output.</source>
        <translation>Affiche chaque enregistrement sous forme d’une ligne JSON sur la sortie standard.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records read from JSON keep their text as it came, with the fields set or dropped by map applied; generated records list their fields in order.</source>
        <translation>Les enregistrements lus en JSON gardent leur texte tel quel, avec les champs définis ou retirés par Map&#xa0;; les enregistrements générés listent leurs champs dans l’ordre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to print</source>
        <translation>Enregistrements à afficher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>Rejet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drops every record (ends a branch; measures a pipeline without sink cost).</source>
        <translation>Rejette chaque enregistrement (termine une branche&#xa0;; mesure un pipeline sans le coût d’une destination).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to drop</source>
        <translation>Enregistrements à rejeter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File sink</source>
        <translation>Destination fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writes records to a file as JSON lines or CSV.</source>
        <translation>Écrit les enregistrements dans un fichier, en lignes JSON ou en CSV.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A fresh start creates the file, or replaces it (`mode: overwrite`) or refuses to touch an existing one (`mode: fail`). At every checkpoint the file is synced to disk and its length recorded; a run restored from a checkpoint cuts the file back to that length and appends, so every result is in it exactly once. CSV takes its header from the first record&apos;s fields; later fields not in it are left out.

Unlike kafka.sink it has no `on_error`: a file refuses no single record, and a write error (disk full, I/O error) concerns every record after it, so skipping would lose them all silently. Such an error fails the run; a restart resumes from the last checkpoint and cuts the file back to it.</source>
        <oldsource>A fresh start creates the file, or replaces it (`mode: overwrite`) or refuses to touch an existing one (`mode: fail`). At every checkpoint the file is synced to disk and its length recorded; a run restored from a checkpoint cuts the file back to that length and appends, so every result is in it exactly once. CSV takes its header from the first record&apos;s fields; later fields not in it are left out.</oldsource>
        <translation>Un démarrage à zéro crée le fichier, le remplace (`mode: overwrite`) ou refuse de toucher à un fichier existant (`mode: fail`). À chaque checkpoint, le fichier est synchronisé sur le disque et sa longueur enregistrée&#xa0;; une exécution restaurée depuis un checkpoint ramène le fichier à cette longueur puis ajoute à la suite, si bien que chaque résultat y figure exactement une fois. En CSV, l’en-tête vient des champs du premier enregistrement&#xa0;; les champs apparus plus tard qui n’y figurent pas sont omis.

Contrairement à kafka.sink, il n’a pas d’`on_error`&#xa0;: un fichier ne refuse aucun enregistrement isolé, et une erreur d’écriture (disque plein, erreur d’E/S) concerne tous les enregistrements suivants, que les ignorer ferait perdre en silence. Une telle erreur fait échouer l’exécution&#xa0;; un redémarrage reprend au dernier checkpoint et ramène le fichier à sa longueur.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to write</source>
        <translation>Enregistrements à écrire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>path</source>
        <comment>property name</comment>
        <translation>Chemin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File to write (its directory must exist)</source>
        <translation>Fichier à écrire (son dossier doit exister)</translation>
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
        <translation>jsonl&#xa0;: un objet JSON par ligne&#xa0;; csv&#xa0;: une ligne d’en-tête, puis une ligne par enregistrement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>mode</source>
        <comment>property name</comment>
        <translation>Mode</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When the file exists at a fresh start (not a restore): overwrite it, or fail the run</source>
        <translation>Si le fichier existe lors d’un démarrage à neuf (pas d’une restauration)&#xa0;: l’écraser, ou faire échouer l’exécution</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kafka Sink</source>
        <translation>Destination Kafka</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Writes records as JSON messages to a Kafka topic; idempotent, acknowledged before offsets commit.</source>
        <translation>Écrit les enregistrements en messages JSON dans un topic Kafka&#xa0;; idempotent, acquitté avant la validation des offsets.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>connection</source>
        <comment>property name</comment>
        <translation>Connexion</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of a Kafka entry under &quot;connections&quot;</source>
        <translation>Nom d’une entrée Kafka sous «&#xa0;connections&#xa0;»</translation>
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
        <translation>Topic dans lequel écrire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key</source>
        <comment>property name</comment>
        <translation>Clé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message key (default: the record&apos;s own key, if any)</source>
        <translation>Clé du message (par défaut&#xa0;: la clé propre à l’enregistrement, s’il en a une)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>headers</source>
        <comment>property name</comment>
        <translation>En-têtes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message headers: keep the incoming ones, drop them, or name -&gt; expression</source>
        <oldsource>Message headers: name -&gt; expression</oldsource>
        <translation>En-têtes des messages&#xa0;: conserver ceux reçus, les supprimer, ou nom -&gt; expression</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message format</source>
        <translation>Format des messages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>acks</source>
        <comment>property name</comment>
        <translation>Acquittements (acks)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acknowledgements to wait for (all is required by idempotence)</source>
        <translation>Acquittements à attendre (l’idempotence exige all)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>compression</source>
        <comment>property name</comment>
        <translation>Compression</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compression codec</source>
        <translation>Codec de compression</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>linger</source>
        <comment>property name</comment>
        <translation>Attente (linger)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long to wait to fill batches</source>
        <translation>Durée d’attente pour remplir les lots</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idempotence</source>
        <comment>property name</comment>
        <translation>Idempotence</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exactly one copy per message in the topic despite retries</source>
        <translation>Exactement une copie de chaque message dans le topic, malgré les nouvelles tentatives</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sources</source>
        <translation>Sources</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File source</source>
        <translation>Source fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads JSON lines or CSV (with a header row) from a file, optionally following it.</source>
        <translation>Lit des lignes JSON ou du CSV (avec ligne d’en-tête) depuis un fichier, en le suivant si demandé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Each line is one record; $offset is its line number and $timestamp the time it was read. CSV cells become numbers, true/false or strings, and empty cells null. Invalid lines are counted as errors, the first few logged with file:line, and skipped (or, with on_error = fail, stop the run).</source>
        <translation>Chaque ligne est un enregistrement&#xa0;; $offset est son numéro de ligne et $timestamp l’heure de sa lecture. Les cellules CSV deviennent des nombres, true/false ou des chaînes, et les cellules vides null. Les lignes invalides sont comptées comme erreurs, les premières journalisées avec fichier:ligne, puis ignorées (ou, avec on_error = fail, elles arrêtent l’exécution).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One record per line</source>
        <translation>Un enregistrement par ligne</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>File to read (relative paths from the working directory)</source>
        <translation>Fichier à lire (chemins relatifs au dossier de travail)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>jsonl: one JSON object per line; csv: comma-separated with a header row</source>
        <translation>jsonl&#xa0;: un objet JSON par ligne&#xa0;; csv&#xa0;: valeurs séparées par des virgules, avec ligne d’en-tête</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>follow</source>
        <comment>property name</comment>
        <translation>Suivre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep reading lines appended to the file, like tail -f (never ends)</source>
        <translation>Continuer à lire les lignes ajoutées au fichier, comme tail -f (ne se termine jamais)</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>on_error</source>
        <comment>property name</comment>
        <translation>En cas d’erreur</translation>
    </message>
    <message>
        <location line="-54"/>
        <source>Produces every record as one JSON message to `topic`, with the record&apos;s event time as the message timestamp. `key` is an expression (default: the record&apos;s own Kafka key). `headers`: `keep` (default) passes the record&apos;s incoming Kafka headers through, `drop` writes none, and an object of name -&gt; expression writes exactly those (an expression reads an incoming header as `$headers.NAME`). `acks`, `compression` and `linger` set the matching librdkafka properties when given; `idempotence` is on by default.

A record the cluster refuses (larger than `message.max.bytes`, invalid) follows `on_error`: `fail` stops the run naming the topic and reason; `skip` drops it; `dead_letter` writes it to `dead_letter_topic` with its key, timestamp and headers plus `sc.error` (the reason) and `sc.topic` (where it was meant to go); a dead letter too large itself keeps the start of the value and its size in `sc.value.bytes`. Skipped and dead-lettered records count as errors (`refused` gauge). A message that cannot be delivered because the cluster is unreachable always fails the run after librdkafka&apos;s retries: nothing is lost, its source offsets stay uncommitted.

Under `delivery: exactly_once` a dead letter is written in the same transaction as the records, so it commits or aborts with them. librdkafka refuses too-large records before sending them, which `skip` and `dead_letter` handle inside the transaction; a record the broker refuses after sending makes the whole transaction abortable, so the run fails and restarts from its last checkpoint: keep the producer&apos;s `message.max.bytes` at or below the topic&apos;s `max.message.bytes` to have every refusal handled per record.

When the run stops while the cluster does not answer, the sink waits at most 5 s for acknowledgements, then ends the run with an error counting the records not delivered.</source>
        <translation>Écrit chaque enregistrement sous forme d’un message JSON dans `topic`, avec le temps d’événement de l’enregistrement comme horodatage du message. `key` est une expression (par défaut&#xa0;: la clé Kafka de l’enregistrement). `headers`&#xa0;: `keep` (par défaut) transmet les en-têtes Kafka reçus, `drop` n’en écrit aucun, et un objet nom -&gt; expression écrit exactement ceux-là (une expression lit un en-tête reçu sous la forme `$headers.NOM`). `acks`, `compression` et `linger` règlent, s’ils sont donnés, les propriétés librdkafka correspondantes&#xa0;; `idempotence` est activée par défaut.

Un enregistrement que le cluster refuse (plus grand que `message.max.bytes`, invalide) suit `on_error`&#xa0;: `fail` arrête l’exécution en nommant le topic et la raison&#xa0;; `skip` l’ignore&#xa0;; `dead_letter` l’écrit dans `dead_letter_topic` avec sa clé, son horodatage et ses en-têtes, plus `sc.error` (la raison) et `sc.topic` (sa destination prévue)&#xa0;; une lettre morte elle-même trop grande garde le début de la valeur et sa taille dans `sc.value.bytes`. Les enregistrements ignorés ou envoyés en lettres mortes comptent comme des erreurs (mesure `refused`). Un message qui ne peut être livré parce que le cluster est injoignable fait toujours échouer l’exécution après les nouvelles tentatives de librdkafka&#xa0;: rien n’est perdu, les offsets de sa source restent non validés.

Avec `delivery: exactly_once`, une lettre morte est écrite dans la même transaction que les enregistrements&#xa0;: elle est validée ou annulée avec eux. librdkafka refuse les enregistrements trop grands avant de les envoyer, ce que `skip` et `dead_letter` traitent à l’intérieur de la transaction&#xa0;; un enregistrement que le broker refuse après l’envoi rend toute la transaction annulable, si bien que l’exécution échoue et redémarre depuis son dernier checkpoint&#xa0;: gardez le `message.max.bytes` du producteur inférieur ou égal au `max.message.bytes` du topic pour que chaque refus soit traité enregistrement par enregistrement.

Si l’exécution s’arrête alors que le cluster ne répond pas, la destination attend au plus 5 s les accusés de réception, puis termine l’exécution sur une erreur qui compte les enregistrements non livrés.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>A record the cluster refuses (too large, invalid): fail the run, skip it, or write it to dead_letter_topic</source>
        <translation>Un enregistrement que le cluster refuse (trop grand, invalide)&#xa0;: faire échouer l’exécution, l’ignorer ou l’écrire dans dead_letter_topic</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Topic for refused records (on_error: dead_letter), with the reason in header sc.error</source>
        <translation>Topic des enregistrements refusés (on_error: dead_letter), avec la raison dans l’en-tête sc.error</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Invalid line: count, log and skip it, or stop the run</source>
        <translation>Ligne invalide&#xa0;: la compter, la journaliser et l’ignorer, ou arrêter l’exécution</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>on_timestamp_error</source>
        <comment>property name</comment>
        <translation>En cas d’erreur d’horodatage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A record whose event time (a window&apos;s timestamp) cannot be computed: late (to the window&apos;s late port, or counted and dropped), skip (count and drop) or fail the run. It never moves the watermark</source>
        <translation>Un enregistrement dont le temps d’événement (l’horodatage d’une fenêtre) ne peut être calculé&#xa0;: late (vers le port late de la fenêtre, ou compté et supprimé), skip (compter et supprimer) ou faire échouer l’exécution. Il ne fait jamais avancer le watermark</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generator</source>
        <translation>Générateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deterministic synthetic records: sensor readings, page clicks or payments.</source>
        <translation>Enregistrements synthétiques déterministes&#xa0;: mesures de capteurs, clics sur des pages ou paiements.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Same seed, same records. Fields per template (ts is the event time in epoch milliseconds, also the record&apos;s $timestamp):
- sensors: device (d-000..d-015), temperature, humidity, status (ok/warn/error), ts
- clicks: user, page, referrer, ts
- payments: payment_id, account, amount, currency, ts
Event times start at start_time and advance by interval per record, independent of the wall clock, so runs are reproducible.</source>
        <translation>Même graine, mêmes enregistrements. Champs par modèle (ts est le temps d’événement en millisecondes epoch, aussi le $timestamp de l’enregistrement)&#xa0;:
- sensors: device (d-000..d-015), temperature, humidity, status (ok/warn/error), ts
- clicks: user, page, referrer, ts
- payments: payment_id, account, amount, currency, ts
Les temps d’événement partent de start_time et avancent de interval à chaque enregistrement, indépendamment de l’horloge, si bien que les exécutions sont reproductibles.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Generated records</source>
        <translation>Enregistrements générés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>template</source>
        <comment>property name</comment>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shape of the records</source>
        <translation>Forme des enregistrements</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rate</source>
        <comment>property name</comment>
        <translation>Débit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records per second; 0 = as fast as possible</source>
        <translation>Enregistrements par seconde&#xa0;; 0 = aussi vite que possible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>count</source>
        <comment>property name</comment>
        <translation>Nombre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to produce, then end; 0 = unbounded</source>
        <translation>Enregistrements à produire avant de s’arrêter&#xa0;; 0 = sans limite</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>seed</source>
        <comment>property name</comment>
        <translation>Graine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random seed: the same seed gives the same records</source>
        <translation>Graine aléatoire&#xa0;: la même graine donne les mêmes enregistrements</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>start_time</source>
        <comment>property name</comment>
        <translation>Heure de début</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event time of the first record: ISO-8601 or epoch ms (default 2026-01-01T00:00:00Z)</source>
        <translation>Temps d’événement du premier enregistrement&#xa0;: ISO-8601 ou ms epoch (par défaut 2026-01-01T00:00:00Z)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>interval</source>
        <comment>property name</comment>
        <translation>Intervalle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event time between consecutive records</source>
        <translation>Temps d’événement entre deux enregistrements consécutifs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kafka Source</source>
        <translation>Source Kafka</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads records from Kafka topics; its offsets are part of every checkpoint.</source>
        <translation>Lit des enregistrements dans des topics Kafka&#xa0;; ses offsets font partie de chaque checkpoint.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consumes `topics` (or every topic matching `topic_pattern`) as consumer group `group_id`. Each record carries `$key`, `$topic`, `$partition`, `$offset`, `$timestamp` and `$headers.NAME`. The position per topic and partition is saved in every checkpoint and a restored run resumes there; `start` applies only to partitions without one. Offsets are committed to the group when a checkpoint completes, so they never run ahead of what every sink has made durable. Transactions are read committed. `bounded` reads every partition up to the end offsets seen when the run starts, then ends the run. With `format: text` the payload is the string field `value`.</source>
        <translation>Consomme `topics` (ou chaque topic correspondant à `topic_pattern`) en tant que groupe de consommateurs `group_id`. Chaque enregistrement porte `$key`, `$topic`, `$partition`, `$offset`, `$timestamp` et `$headers.NAME`. La position par topic et partition est sauvegardée dans chaque checkpoint, et une exécution restaurée reprend à cet endroit&#xa0;; `start` ne s’applique qu’aux partitions sans position. Les offsets sont validés auprès du groupe quand un checkpoint se termine, de sorte qu’ils ne devancent jamais ce que chaque destination a rendu durable. Les transactions sont lues en read committed. `bounded` lit chaque partition jusqu’aux offsets de fin vus au démarrage, puis termine l’exécution. Avec `format: text`, la charge utile est le champ texte `value`.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records read from Kafka</source>
        <translation>Enregistrements lus dans Kafka</translation>
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
        <translation>Topics à lire</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>topic_pattern</source>
        <comment>property name</comment>
        <translation>Motif de topic</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Regular expression; every matching topic is read (instead of topics)</source>
        <translation>Expression régulière&#xa0;; chaque topic correspondant est lu (à la place de topics)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>group_id</source>
        <comment>property name</comment>
        <translation>Groupe de consommateurs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Consumer group (default: streamcanvas-&lt;pipeline name&gt;)</source>
        <translation>Groupe de consommateurs (par défaut&#xa0;: streamcanvas-&lt;nom du pipeline&gt;)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>start</source>
        <comment>property name</comment>
        <translation>Début</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Where to begin on a partition that has no offset in the checkpoint or the group: earliest, latest, committed (= earliest), an ISO-8601 time or epoch milliseconds</source>
        <translation>Où commencer sur une partition sans offset dans le checkpoint ni dans le groupe&#xa0;: earliest, latest, committed (= earliest), une heure ISO-8601 ou des millisecondes epoch</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>bounded</source>
        <comment>property name</comment>
        <translation>Borné</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stop at the end offsets seen at start (backfills, tests)</source>
        <translation>S’arrêter aux offsets de fin vus au démarrage (rattrapages, tests)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payload format: json objects, or text (field &apos;value&apos;)</source>
        <translation>Format de la charge utile&#xa0;: objets JSON, ou texte (champ «&#xa0;value&#xa0;»)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages that are not JSON objects: skip (count and log a sample), dead_letter (copy to dead_letter_topic with error headers) or fail the run</source>
        <translation>Messages qui ne sont pas des objets JSON&#xa0;: skip (les compter et en journaliser un échantillon), dead_letter (les copier dans dead_letter_topic avec des en-têtes d’erreur) ou faire échouer l’exécution</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>dead_letter_topic</source>
        <comment>property name</comment>
        <translation>Topic de lettres mortes</translation>
    </message>
    <message>
        <location line="+138"/>
        <source>Topic for malformed messages (on_error: dead_letter) and records without a usable event time (on_timestamp_error: dead_letter)</source>
        <translation>Topic des messages mal formés (on_error: dead_letter) et des enregistrements sans temps d’événement utilisable (on_timestamp_error: dead_letter)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>commit_interval</source>
        <comment>property name</comment>
        <translation>Intervalle de validation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deprecated and ignored: offsets are committed when a checkpoint completes (settings.checkpoint_interval); kept so older files load</source>
        <translation>Obsolète et ignoré&#xa0;: les offsets sont validés quand un checkpoint se termine (settings.checkpoint_interval)&#xa0;; conservé pour que les anciens fichiers se chargent</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A record whose event time (a window&apos;s timestamp) cannot be computed: late (to the window&apos;s late port, or counted and dropped), dead_letter (to dead_letter_topic), skip (count and drop) or fail the run. It never moves the watermark</source>
        <translation>Un enregistrement dont le temps d’événement (l’horodatage d’une fenêtre) ne peut être calculé&#xa0;: late (vers le port late de la fenêtre, ou compté et supprimé), dead_letter (vers dead_letter_topic), skip (compter et supprimer) ou faire échouer l’exécution. Il ne fait jamais avancer le watermark</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transforms</source>
        <translation>Transformations</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Filter</source>
        <translation>Filtre</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keeps the records for which a condition is true; the others go to &apos;rejected&apos; if wired.</source>
        <translation>Garde les enregistrements pour lesquels une condition est vraie&#xa0;; les autres vont vers «&#xa0;rejected&#xa0;» s’il est relié.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to test</source>
        <translation>Enregistrements à tester</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records for which the condition is true</source>
        <translation>Enregistrements pour lesquels la condition est vraie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records for which it is false or null</source>
        <translation>Enregistrements pour lesquels elle est fausse ou null</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>condition</source>
        <comment>property name</comment>
        <translation>Condition</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Boolean expression over the record&apos;s fields, e.g. temperature &gt; 30 &amp;&amp; status == &quot;ok&quot;</source>
        <translation>Expression booléenne sur les champs de l’enregistrement, par ex. temperature &gt; 30 &amp;&amp; status == &quot;ok&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sets fields from expressions and drops fields.</source>
        <translation>Définit des champs à partir d’expressions et retire des champs.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to transform</source>
        <translation>Enregistrements à transformer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transformed records</source>
        <translation>Enregistrements transformés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>set</source>
        <comment>property name</comment>
        <translation>Définir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field name -&gt; expression; every expression sees the incoming record</source>
        <translation>Nom de champ -&gt; expression&#xa0;; chaque expression voit l’enregistrement entrant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>drop</source>
        <comment>property name</comment>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields to remove from the record</source>
        <translation>Champs à retirer de l’enregistrement</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows</source>
        <translation>Fenêtres</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hopping window</source>
        <translation>Fenêtre glissante</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregates per key over fixed windows that start every `slide` and may overlap.</source>
        <translation>Agrège par clé sur des fenêtres fixes qui commencent tous les `slide` et peuvent se chevaucher.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Outputs {window_start, window_end, key, &lt;as&gt;...} per key and window once the watermark passes the window end (event time) or the clock does (processing time); every open window fires when a bounded input ends. Records later than the allowed lateness go to `late` when it is wired and are otherwise counted (gauge late_dropped) and dropped. See docs/windows.md.</source>
        <translation>Émet {window_start, window_end, key, &lt;as&gt;...} par clé et par fenêtre dès que le watermark dépasse la fin de la fenêtre (temps d’événement) ou que l’horloge la dépasse (temps de traitement)&#xa0;; chaque fenêtre ouverte se déclenche quand une entrée bornée se termine. Les enregistrements arrivés au-delà du retard autorisé vont vers `late` s’il est relié, sinon ils sont comptés (jauge late_dropped) et rejetés. Voir docs/windows.md.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records to aggregate.</source>
        <translation>Enregistrements à agréger.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One record per key and window.</source>
        <translation>Un enregistrement par clé et par fenêtre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records that arrived after their windows closed (optional).</source>
        <translation>Enregistrements arrivés après la fermeture de leurs fenêtres (facultatif).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>size</source>
        <comment>property name</comment>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length of each window.</source>
        <translation>Durée de chaque fenêtre.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>slide</source>
        <comment>property name</comment>
        <translation>Pas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new window starts every `slide` (at most `size`).</source>
        <translation>Une nouvelle fenêtre commence tous les `slide` (au plus `size`).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Group by this expression, or by a list of expressions (the output key is then an object whose members are named after the expressions). Absent: one group for all records.</source>
        <translation>Regrouper selon cette expression, ou selon une liste d’expressions (la clé de sortie est alors un objet dont les membres portent le nom des expressions). En son absence&#xa0;: un seul groupe pour tous les enregistrements.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>aggregates</source>
        <comment>property name</comment>
        <translation>Agrégats</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What to compute per key and window: {&quot;as&quot;: name, &quot;fn&quot;: function, &quot;of&quot;: expression}.</source>
        <translation>Ce qu’il faut calculer par clé et par fenêtre&#xa0;: {&quot;as&quot;: nom, &quot;fn&quot;: fonction, &quot;of&quot;: expression}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>as</source>
        <comment>property name</comment>
        <translation>Champ de sortie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Output field name.</source>
        <translation>Nom du champ de sortie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>fn</source>
        <comment>property name</comment>
        <translation>Fonction</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>count, sum, avg, min, max, first, last, count_distinct, or percentile p50/p90/p95/p99 (within 1%).</source>
        <translation>count, sum, avg, min, max, first, last, count_distinct, ou centile p50/p90/p95/p99 (à 1&#xa0;% près).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>of</source>
        <comment>property name</comment>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The value aggregated (not needed for count, which then counts records).</source>
        <translation>La valeur agrégée (inutile pour count, qui compte alors les enregistrements).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>time</source>
        <comment>property name</comment>
        <translation>Temps</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>event: windows follow record timestamps and watermarks; processing: the wall clock.</source>
        <translation>event&#xa0;: les fenêtres suivent les horodatages des enregistrements et les watermarks&#xa0;; processing&#xa0;: l’horloge.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>timestamp</source>
        <comment>property name</comment>
        <translation>Horodatage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Event time of a record: epoch milliseconds or an ISO-8601 string.</source>
        <translation>Temps d’événement d’un enregistrement&#xa0;: millisecondes epoch ou chaîne ISO-8601.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>max_out_of_orderness</source>
        <comment>property name</comment>
        <translation>Désordre max.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How far records may arrive out of event-time order.</source>
        <translation>Jusqu’où les enregistrements peuvent arriver hors de l’ordre du temps d’événement.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>allowed_lateness</source>
        <comment>property name</comment>
        <translation>Retard autorisé</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How long a window keeps its state after firing; later records update and re-emit it.</source>
        <translation>Combien de temps une fenêtre garde son état après son déclenchement&#xa0;; les enregistrements plus tardifs la mettent à jour et la réémettent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>idle_timeout</source>
        <comment>property name</comment>
        <translation>Délai d’inactivité</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A source partition silent this long stops holding the watermark back (0: never).</source>
        <translation>Une partition source silencieuse aussi longtemps cesse de retenir le watermark (0&#xa0;: jamais).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>emit</source>
        <comment>property name</comment>
        <translation>Émission</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>final: one result per window when it closes; a duration such as 1s: also updated results of open windows at that interval.</source>
        <translation>final&#xa0;: un résultat par fenêtre à sa fermeture&#xa0;; une durée comme 1s&#xa0;: aussi des résultats mis à jour des fenêtres ouvertes à cet intervalle.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Session window</source>
        <translation>Fenêtre de session</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregates per key over bursts of activity separated by a gap of silence.</source>
        <translation>Agrège par clé sur des rafales d’activité séparées par un intervalle de silence.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>gap</source>
        <comment>property name</comment>
        <translation>Écart</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A key&apos;s session closes after this long without records; records less than `gap` apart share one.</source>
        <translation>La session d’une clé se ferme après cette durée sans enregistrement&#xa0;; des enregistrements espacés de moins de `gap` partagent la même.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tumbling window</source>
        <translation>Fenêtre basculante</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Aggregates per key over fixed, non-overlapping time windows.</source>
        <translation>Agrège par clé sur des fenêtres de temps fixes, sans chevauchement.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Length of each window; windows are aligned to the epoch.</source>
        <translation>Durée de chaque fenêtre&#xa0;; les fenêtres sont alignées sur l’epoch.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pipeline settings</source>
        <translation>Paramètres du pipeline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Delivery guarantee, checkpoints and what happens when a node fails.</source>
        <translation>Garantie de livraison, checkpoints et ce qui se passe quand un nœud échoue.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>delivery</source>
        <comment>property name</comment>
        <translation>Livraison</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>at_least_once: after a failure some records may be written twice; exactly_once: Kafka sinks write in transactions committed with each checkpoint, file sinks roll back to the checkpoint, so every result is written once</source>
        <translation>at_least_once&#xa0;: après une panne, certains enregistrements peuvent être écrits deux fois&#xa0;; exactly_once&#xa0;: les destinations Kafka écrivent dans des transactions validées à chaque checkpoint, les destinations fichier reviennent au checkpoint, si bien que chaque résultat est écrit une seule fois</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>checkpoint_interval</source>
        <comment>property name</comment>
        <translation>Intervalle des checkpoints</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How often a checkpoint (sources&apos; offsets, window state, sinks&apos; progress) is taken</source>
        <translation>Fréquence des checkpoints (offsets des sources, état des fenêtres, progression des destinations)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>checkpoint_dir</source>
        <comment>property name</comment>
        <translation>Dossier des checkpoints</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Folder for checkpoints (default: $XDG_STATE_HOME/streamcanvas/&lt;pipeline name&gt;, else ~/.local/state/streamcanvas/&lt;pipeline name&gt;); --checkpoint-dir overrides it</source>
        <translation>Dossier des checkpoints (par défaut&#xa0;: $XDG_STATE_HOME/streamcanvas/&lt;nom du pipeline&gt;, sinon ~/.local/state/streamcanvas/&lt;nom du pipeline&gt;)&#xa0;; --checkpoint-dir le remplace</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>restart</source>
        <comment>property name</comment>
        <translation>Redémarrage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>After a node fails: {&quot;strategy&quot;: &quot;none&quot; | &quot;fixed_delay&quot; | &quot;exponential&quot;, &quot;attempts&quot;: 5, &quot;delay&quot;: &quot;1s&quot;, &quot;max_delay&quot;: &quot;1m&quot;}; the pipeline restarts from the last checkpoint. Configuration errors found at start are never retried</source>
        <translation>Après l’échec d’un nœud&#xa0;: {&quot;strategy&quot;: &quot;none&quot; | &quot;fixed_delay&quot; | &quot;exponential&quot;, &quot;attempts&quot;: 5, &quot;delay&quot;: &quot;1s&quot;, &quot;max_delay&quot;: &quot;1m&quot;}&#xa0;; le pipeline redémarre depuis le dernier checkpoint. Les erreurs de configuration détectées au démarrage ne sont jamais retentées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>instance</source>
        <comment>property name</comment>
        <translation>Instance</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name of this runner among several that run the pipeline (part of Kafka transactional ids); --instance overrides it</source>
        <translation>Nom de ce runner parmi plusieurs qui exécutent le pipeline (fait partie des identifiants transactionnels Kafka)&#xa0;; --instance le remplace</translation>
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
        <translation>Plusieurs exécuteurs se partagent ce pipeline via des groupes de consommateurs Kafka&#xa0;: les partitions (et l&apos;état de fenêtre de chaque partition, conservé dans des topics changelog) passent de l&apos;un à l&apos;autre&#xa0;; --scale-out le définit</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/designer/DiagramExport.cpp" line="+67"/>
        <location line="+8"/>
        <location line="+11"/>
        <source>Could not write %1</source>
        <translation>Impossible d’écrire %1</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Unsupported image type &apos;%1&apos;: use .png or .svg</source>
        <translation>Type d’image «&#xa0;%1&#xa0;» non pris en charge&#xa0;: utilisez .png ou .svg</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>streamcanvas: --export-image needs a .png or .svg file name, got &apos;%1&apos;</source>
        <translation>streamcanvas&#xa0;: --export-image attend un nom de fichier en .png ou .svg, reçu «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: not a pipeline file</source>
        <translation>%1&#xa0;: pas un fichier de pipeline</translation>
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
        <translation>la partition %1 n’a reçu aucune donnée depuis %2 et idle_timeout vaut 0, les fenêtres ne peuvent donc pas se déclencher</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no watermark has reached this node yet, so windows cannot fire</source>
        <translation>aucun watermark n’a encore atteint ce nœud, les fenêtres ne peuvent donc pas se déclencher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the watermark (%1) has not passed the end of a window for %2</source>
        <translation>le watermark (%1) n’a dépassé aucune fin de fenêtre depuis %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>watermark %1, %2 behind</source>
        <translation>watermark %1, %2 de retard</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Watermark: %1</source>
        <translation>Watermark&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Behind the wall clock: %1</source>
        <translation>Retard sur l’horloge&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Behind the newest record (%1): %2</source>
        <translation>Retard sur l’enregistrement le plus récent (%1)&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no watermark yet</source>
        <translation>pas encore de watermark</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No watermark yet</source>
        <translation>Pas encore de watermark</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 open · %2 keys · %3 · %4 late</source>
        <translation>%1 ouvertes · %2 clés · %3 · %4 en retard</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open windows: %1</source>
        <translation>Fenêtres ouvertes&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State: %1 keys, %2</source>
        <translation>État&#xa0;: %1 clés, %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Late records dropped: %1</source>
        <translation>Enregistrements tardifs abandonnés&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Partitions (idle_timeout %1):</source>
        <translation>Partitions (idle_timeout %1)&#xa0;:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1: no data for %2</source>
        <translation>%1 : aucune donnée depuis %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: newest %2, last record %3 ago</source>
        <translation>%1&#xa0;: plus récent %2, dernier enregistrement il y a %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(idle, not holding the watermark)</source>
        <translation>(inactive, ne retient pas le watermark)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>No output for %1 while input arrives: %2</source>
        <translation>Aucune sortie depuis %1 alors que des entrées arrivent&#xa0;: %2</translation>
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
        <translation>%1 jours</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>%1 records/s; queue %2 of %3 batches full</source>
        <translation>%1 enregistrements/s&#xa0;; file remplie à %2 sur %3 lots</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 records/s; no queue (same thread)</source>
        <translation>%1 enregistrements/s&#xa0;; pas de file (même thread)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>input queue %1 full</source>
        <translation>file d’entrée pleine à %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wires: %1 queue under %4 % full · %2 filling · %3 over %5 % full: the node it feeds cannot keep up (back-pressure)</source>
        <translation>Liaisons&#xa0;: %1 file remplie à moins de %4 % · %2 se remplit · %3 remplie à plus de %5 %&#xa0;: le nœud alimenté ne suit pas (contre-pression)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/designer/main.cpp" line="+43"/>
        <source>StreamCanvas designer: build stream pipelines by drag and drop.</source>
        <translation>Designer StreamCanvas&#xa0;: construisez des pipelines de flux par glisser-déposer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pipeline file to open.</source>
        <translation>Fichier de pipeline à ouvrir.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write a PNG or SVG picture of PIPELINE.json to OUT and exit.</source>
        <translation>Écrire une image PNG ou SVG de PIPELINE.json dans OUT, puis quitter.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Appearance: system, light or dark (default: the last one chosen in View &gt; Theme, else system).</source>
        <translation>Apparence&#xa0;: system, light ou dark (par défaut&#xa0;: la dernière choisie dans Affichage &gt; Thème, sinon system).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run the pipeline once it is open.</source>
        <translation>Exécuter le pipeline une fois ouvert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --run: start fresh, removing the pipeline&apos;s checkpoints. Without it --run resumes from the last checkpoint, if any.</source>
        <translation>Avec --run : repartir de zéro en supprimant les points de contrôle du pipeline. Sans cette option, --run reprend au dernier point de contrôle, s’il y en a un.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save a PNG picture of the whole window to OUT after the time --after gives, then exit.</source>
        <translation>Enregistrer une image PNG de toute la fenêtre dans OUT après le délai donné par --after, puis quitter.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wait this long before --screenshot (default 5s).</source>
        <translation>Attendre ce délai avant --screenshot (5s par défaut).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>streamcanvas: unknown theme &apos;%1&apos; (use system, light or dark)</source>
        <translation>streamcanvas&#xa0;: thème «&#xa0;%1&#xa0;» inconnu (utilisez system, light ou dark)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>streamcanvas: at most one pipeline file</source>
        <translation>streamcanvas&#xa0;: un fichier de pipeline au plus</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>streamcanvas: --export-image needs a pipeline file</source>
        <translation>streamcanvas&#xa0;: --export-image attend un fichier de pipeline</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>streamcanvas: --after needs a duration such as 5s or 500ms</source>
        <translation>streamcanvas&#xa0;: --after attend une durée comme 5s ou 500ms</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>streamcanvas: --run needs a pipeline file</source>
        <translation>streamcanvas&#xa0;: --run attend un fichier de pipeline</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>streamcanvas: --fresh goes with --run</source>
        <translation>streamcanvas : --fresh s’utilise avec --run</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cannot run the pipeline</source>
        <translation>Impossible d’exécuter le pipeline</translation>
    </message>
    <message>
        <location filename="../app/designer/ScreenshotRun.cpp" line="+31"/>
        <source>streamcanvas: cannot run the pipeline: %1</source>
        <translation>streamcanvas : impossible d’exécuter le pipeline : %1</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>streamcanvas: cannot write %1</source>
        <translation>streamcanvas&#xa0;: impossible d’écrire %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::AggregateView</name>
    <message>
        <location filename="../app/designer/AggregateView.cpp" line="+147"/>
        <source>Node whose results are charted</source>
        <translation>Nœud dont les résultats sont tracés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregate charted, a line per key</source>
        <translation>Agrégat tracé, une ligne par clé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>top </source>
        <translation>premiers&#xa0;: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keys charted: those with the highest value in their latest window</source>
        <translation>Clés tracées&#xa0;: celles dont la valeur est la plus haute dans leur dernière fenêtre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run a pipeline with a window node to chart its aggregates per key here.</source>
        <translation>Exécutez un pipeline avec un nœud de fenêtre pour voir ici ses agrégats par clé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the shown series as CSV or the chart as PNG</source>
        <translation>Enregistrer les séries affichées en CSV ou le graphique en PNG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aggregates</source>
        <translation>Agrégats</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+89"/>
        <location line="+316"/>
        <source>window end</source>
        <translation>fin de fenêtre</translation>
    </message>
    <message>
        <location line="-400"/>
        <location line="+7"/>
        <source>late records</source>
        <translation>enregistrements en retard</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Window start</source>
        <translation>Début de fenêtre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Window end</source>
        <translation>Fin de fenêtre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>sc::designer::ConnectionPicker</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="+326"/>
        <source>choose a connection</source>
        <translation>choisir une connexion</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>New connection…</source>
        <translation>Nouvelle connexion…</translation>
    </message>
</context>
<context>
    <name>sc::designer::ConnectionsPanel</name>
    <message>
        <location filename="../app/designer/ConnectionsPanel.cpp" line="+88"/>
        <source>No broker answered: check the host names and ports, that the brokers run, and that nothing (firewall, VPN) blocks the way.</source>
        <translation>Aucun broker n’a répondu&#xa0;: vérifiez les noms d’hôte et les ports, que les brokers tournent et que rien (pare-feu, VPN) ne bloque le passage.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The TLS handshake failed: check the security preset and the CA certificate.</source>
        <translation>La négociation TLS a échoué&#xa0;: vérifiez le préréglage de sécurité et le certificat de l’AC.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Authentication failed: check the mechanism, the user name and the password.</source>
        <translation>L’authentification a échoué&#xa0;: vérifiez le mécanisme, le nom d’utilisateur et le mot de passe.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Add</source>
        <translation>Ajouter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a Kafka connection (the embedded cluster until you change it)</source>
        <translation>Ajouter une connexion Kafka (au cluster intégré tant qu’elle n’est pas modifiée)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rename the connection; nodes that use it follow</source>
        <translation>Renommer la connexion&#xa0;; les nœuds qui l’utilisent suivent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the connection; nodes that use it show a problem</source>
        <translation>Supprimer la connexion&#xa0;; les nœuds qui l’utilisent signalent alors un problème</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a file for %1</source>
        <translation>Choisir un fichier pour %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates and keys (*.pem *.crt *.cer *.key);;All files (*)</source>
        <translation>Certificats et clés (*.pem *.crt *.cer *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Secrets do not belong in the file: refer to an environment variable instead and set it where the pipeline runs (or in an --env-file).</source>
        <translation>Les secrets n’ont pas leur place dans le fichier&#xa0;: faites plutôt référence à une variable d’environnement, définie là où le pipeline s’exécute (ou dans un --env-file).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Set %1 in the environment (or an --env-file) before running or testing the connection.</source>
        <translation>Définissez %1 dans l’environnement (ou dans un --env-file) avant d’exécuter le pipeline ou de tester la connexion.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The name nodes use in their connection property.</source>
        <translation>Le nom que les nœuds indiquent dans leur propriété «&#xa0;connexion&#xa0;».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A Kafka cluster inside the designer (and the runner): for trying pipelines out, no broker needed</source>
        <translation>Un cluster Kafka dans le designer (et le runner)&#xa0;: pour essayer des pipelines, sans aucun broker</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;code&gt;bootstrap_servers&lt;/code&gt;: host:port of the brokers, comma separated, ${KAFKA_BOOTSTRAP}, or &lt;i&gt;embedded&lt;/i&gt;</source>
        <translation>&lt;code&gt;bootstrap_servers&lt;/code&gt;&#xa0;: hôte:port des brokers, séparés par des virgules, ${KAFKA_BOOTSTRAP} ou &lt;i&gt;embedded&lt;/i&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Bootstrap servers</source>
        <translation>Serveurs d’amorçage</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>default</source>
        <translation>par défaut</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Embedded brokers</source>
        <translation>Brokers (cluster intégré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Brokers of the embedded cluster (default 1)</source>
        <translation>Brokers du cluster intégré (1 par défaut)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded partitions</source>
        <translation>Partitions (cluster intégré)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partitions of the topics a pipeline creates on the embedded cluster (default 4)</source>
        <translation>Partitions des topics qu’un pipeline crée sur le cluster intégré (4 par défaut)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>None (PLAINTEXT)</source>
        <translation>Aucune (PLAINTEXT)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>mTLS (client certificate)</source>
        <translation>mTLS (certificat client)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No encryption, no authentication: local and test clusters</source>
        <translation>Ni chiffrement ni authentification&#xa0;: clusters locaux et de test</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User name and password over TLS (Confluent Cloud API keys, Event Hubs)</source>
        <translation>Nom d’utilisateur et mot de passe sur TLS (clés d’API Confluent Cloud, Event Hubs)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>Salted challenge with user name and password over TLS</source>
        <translation>Défi salé avec nom d’utilisateur et mot de passe sur TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TLS with a client certificate and key (security.protocol SSL)</source>
        <translation>TLS avec un certificat client et sa clé (security.protocol SSL)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth 2 client credentials from a token endpoint (OIDC) over TLS</source>
        <translation>Identifiants client OAuth 2 obtenus auprès d’un point de terminaison de jetons (OIDC), sur TLS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set security.protocol and sasl.mechanism yourself in the properties below</source>
        <translation>Définissez vous-même security.protocol et sasl.mechanism dans les propriétés ci-dessous</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sets &lt;code&gt;security.protocol&lt;/code&gt; and &lt;code&gt;sasl.mechanism&lt;/code&gt; and shows the fields they need.</source>
        <translation>Définit &lt;code&gt;security.protocol&lt;/code&gt; et &lt;code&gt;sasl.mechanism&lt;/code&gt; et affiche les champs nécessaires.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>Nom d’utilisateur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client id</source>
        <translation>Identifiant client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Token endpoint URL</source>
        <translation>URL du point de terminaison de jetons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CA certificate</source>
        <translation>Certificat de l’AC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client certificate</source>
        <translation>Certificat client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client key</source>
        <translation>Clé client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key password</source>
        <translation>Mot de passe de la clé</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect to the cluster and list its topics (gives up after %1 s)</source>
        <translation>Se connecter au cluster et lister ses topics (abandon après %1&#xa0;s)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Other librdkafka properties</source>
        <translation>Autres propriétés librdkafka</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passed to librdkafka as they are; see its CONFIGURATION.md for the names.</source>
        <translation>Transmises telles quelles à librdkafka&#xa0;; les noms figurent dans son CONFIGURATION.md.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a property</source>
        <translation>Ajouter une propriété</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the selected property</source>
        <translation>Supprimer la propriété sélectionnée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Use variable ${%1}</source>
        <translation>Utiliser la variable ${%1}</translation>
    </message>
    <message>
        <location line="+185"/>
        <source>A connection needs a name.</source>
        <translation>Une connexion doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+33"/>
        <location line="+4"/>
        <source>Cannot test &apos;%1&apos;: %2</source>
        <translation>Impossible de tester «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Connection to %1 failed: %2</source>
        <translation>Échec de la connexion à %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Connected to %1: the cluster has no topics yet.</source>
        <translation>Connecté à %1&#xa0;: le cluster n’a encore aucun topic.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Connected to %1: %n topic(s).</source>
        <translation>
            <numerusform>Connecté à %1&#xa0;: %n topic.</numerusform>
            <numerusform>Connecté à %1&#xa0;: %n topics.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sc::designer::EmptyCanvasHint</name>
    <message>
        <location filename="../app/designer/EmptyCanvasHint.cpp" line="+18"/>
        <source>Start a pipeline</source>
        <translation>Commencer un pipeline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a node from the Nodes panel onto the canvas, or double-click it in the panel.
Then drag from an output port to an input port to wire them.
To start from a working pipeline, open one under File ▸ Examples.</source>
        <translation>Glissez un nœud du panneau Nœuds sur le canevas, ou double-cliquez dessus dans le panneau.
Glissez ensuite d’un port de sortie vers un port d’entrée pour les relier.
Pour partir d’un pipeline qui fonctionne, ouvrez-en un sous Fichier ▸ Exemples.</translation>
    </message>
</context>
<context>
    <name>sc::designer::FieldSampler</name>
    <message>
        <location filename="../app/designer/FieldSampler.cpp" line="+135"/>
        <location line="+9"/>
        <source>Cannot sample: %1</source>
        <translation>Échantillonnage impossible&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Sampling failed: %1</source>
        <translation>Échec de l&apos;échantillonnage&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No records to sample: the fields stay as they were.</source>
        <translation>Aucun enregistrement à échantillonner&#xa0;: les champs restent inchangés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sample fields of %1</source>
        <translation>Échantillonner les champs de %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n field(s) from %1 record(s).</source>
        <translation>
            <numerusform>%n champ tiré de %1 enregistrement(s).</numerusform>
            <numerusform>%n champs tirés de %1 enregistrement(s).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sc::designer::FlinkSqlProblems</name>
    <message>
        <location filename="../app/designer/FlinkSqlProblems.cpp" line="+47"/>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Property</source>
        <translation>Propriété</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Raison</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>What to do</source>
        <translation>Que faire</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>connection %1: %2</source>
        <translation>connexion %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>properties</source>
        <translation>propriétés</translation>
    </message>
</context>
<context>
    <name>sc::designer::GraphScene</name>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="+144"/>
        <source>Repartitioned through topic %1: %2</source>
        <translation>Réparti via le topic %1 : %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In scale-out mode the records go to this topic, keyed by the window&apos;s key, and are read back from it, so that every key is counted by one runner.</source>
        <translation>En mode scale-out, les enregistrements passent par ce topic, avec la clé de la fenêtre comme clé de message, puis y sont relus : chaque clé est ainsi comptée par un seul exécuteur.</translation>
    </message>
    <message>
        <location line="+204"/>
        <source>Unknown node type &apos;%1&apos;</source>
        <translation>Type de nœud «&#xa0;%1&#xa0;» inconnu</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>Connected %1 to %2</source>
        <translation>%1 relié à %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection refused: %1</source>
        <translation>Lien refusé&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::GraphView</name>
    <message>
        <location filename="../app/designer/GraphView.cpp" line="+327"/>
        <source>Add Kafka sink for %1</source>
        <translation>Ajouter un puits Kafka pour %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add Kafka source for %1</source>
        <translation>Ajouter une source Kafka pour %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::GroupItem</name>
    <message numerus="yes">
        <location filename="../app/designer/GroupItem.cpp" line="+34"/>
        <source>%1: %n node(s); double-click the title to expand</source>
        <translation>
            <numerusform>%1&#xa0;: %n nœud&#xa0;; double-cliquer sur le titre pour déplier</numerusform>
            <numerusform>%1&#xa0;: %n nœuds&#xa0;; double-cliquer sur le titre pour déplier</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>%n node(s)</source>
        <translation>
            <numerusform>%n nœud</numerusform>
            <numerusform>%n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <location line="+89"/>
        <source>&amp;Rename Group…</source>
        <translation>&amp;Renommer le groupe…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Expand Group</source>
        <translation>&amp;Déplier le groupe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Collapse Group</source>
        <translation>&amp;Replier le groupe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ungroup</source>
        <translation>&amp;Dissocier</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rename Group</source>
        <translation>Renommer le groupe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group name:</source>
        <translation>Nom du groupe&#xa0;:</translation>
    </message>
</context>
<context>
    <name>sc::designer::GroupLagView</name>
    <message>
        <location filename="../app/designer/GroupLagView.cpp" line="+45"/>
        <source>Show</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>consumer group id</source>
        <translation>identifiant du groupe de consommateurs</translation>
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
        <translation>Validé</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Total lag (messages)</source>
        <translation>Retard total (messages)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seconds since shown</source>
        <translation>secondes depuis l’affichage</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Group:</source>
        <translation>Groupe&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+60"/>
        <source>Choose a consumer group to see its lag per partition.</source>
        <translation>Choisissez un groupe de consommateurs pour voir son retard par partition.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Enter a consumer group id.</source>
        <translation>Saisissez l’identifiant d’un groupe de consommateurs.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Choose a cluster and press Refresh first.</source>
        <translation>Choisissez d’abord un cluster et appuyez sur Actualiser.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cannot read group &apos;%1&apos;: %2</source>
        <translation>Impossible de lire le groupe « %1 »&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Group &apos;%1&apos; has no committed offsets.</source>
        <translation>Le groupe « %1 » n’a aucun offset validé.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Group &apos;%1&apos;: total lag %2 messages on %n partitions</source>
        <translation>
            <numerusform>Groupe « %1 »&#xa0;: retard total de %2 messages sur %n partition</numerusform>
            <numerusform>Groupe « %1 »&#xa0;: retard total de %2 messages sur %n partitions</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>State %1, %n members</source>
        <translation>
            <numerusform>État %1, %n membre</numerusform>
            <numerusform>État %1, %n membres</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>State and members: %1</source>
        <translation>État et membres&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::HelpMenus</name>
    <message>
        <location filename="../app/designer/HelpMenus.cpp" line="-27"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>On the canvas</source>
        <translation>Sur le canevas</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Gesture</source>
        <translation>Geste</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>E&amp;xamples</source>
        <translation>Exem&amp;ples</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No examples installed (package streamcanvas-runner)</source>
        <translation>Aucun exemple installé (paquet streamcanvas-runner)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Help</source>
        <translation>A&amp;ide</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Node Reference</source>
        <translation>Référence des &amp;nœuds</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Node Reference</source>
        <translation>Référence des nœuds</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Expression Reference</source>
        <translation>Référence des &amp;expressions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expression Reference</source>
        <translation>Référence des expressions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard Shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About StreamCanvas</source>
        <translation>À &amp;propos de StreamCanvas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About StreamCanvas</source>
        <translation>À propos de StreamCanvas</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Design stream-processing pipelines on a canvas, run them here against Kafka, files and generators, and run the same file headless with streamcanvas-run.</source>
        <translation>Concevez des pipelines de traitement de flux sur un canevas, exécutez-les ici avec Kafka, des fichiers et des générateurs, et exécutez le même fichier sans interface avec streamcanvas-run.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Built with Qt %1.</source>
        <translation>Construit avec Qt %1.</translation>
    </message>
</context>
<context>
    <name>sc::designer::HistoryChart</name>
    <message>
        <location filename="../app/designer/HistoryChart.cpp" line="+54"/>
        <source>Longest time span shown (a shorter history fills the chart)</source>
        <translation>Durée affichée au plus (un historique plus court remplit le graphique)</translation>
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
        <translation>premiers&#xa0;: </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lines shown: the highest by their mean over the span; the rest are summed as &quot;others&quot;</source>
        <translation>Lignes affichées&#xa0;: les plus hautes par leur moyenne sur la période&#xa0;; les autres sont additionnées dans « autres »</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the shown series as CSV or the chart as PNG</source>
        <translation>Enregistrer les séries affichées en CSV ou le graphique en PNG</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Live</source>
        <translation>En direct</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the newest data (after zooming or panning)</source>
        <translation>Suivre les données les plus récentes (après un zoom ou un déplacement)</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+150"/>
        <source>time</source>
        <translation>Temps</translation>
    </message>
    <message>
        <location line="-142"/>
        <source>others</source>
        <translation>autres</translation>
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
        <translation>Aucun problème</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n warning(s)</source>
        <translation>
            <numerusform>%n avertissement</numerusform>
            <numerusform>%n avertissements</numerusform>
        </translation>
    </message>
    <message>
        <location line="+81"/>
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Open…</source>
        <translation>&amp;Ouvrir…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save &amp;As…</source>
        <translation>Enregistrer &amp;sous…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export Diagram…</source>
        <translation>E&amp;xporter le diagramme…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export Diagram</source>
        <translation>Exporter le diagramme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation>Image PNG (*.png);;Image SVG (*.svg)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export for &amp;Headless Run…</source>
        <translation>Exporter pour une exécution sans &amp;interface…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export for Headless Run</source>
        <translation>Exporter pour une exécution sans interface</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>New &amp;Test From Run…</source>
        <translation>Nouveau &amp;test depuis une exécution…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cu&amp;t</source>
        <translation>&amp;Couper</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Copy</source>
        <translation>Co&amp;pier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Paste</source>
        <translation>C&amp;oller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select &amp;All</source>
        <translation>&amp;Tout sélectionner</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Find Node…</source>
        <translation>Rec&amp;hercher un nœud…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Group Selection…</source>
        <translation>&amp;Grouper la sélection…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom &amp;In</source>
        <translation>Zoom &amp;avant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom &amp;Out</source>
        <translation>Zoom a&amp;rrière</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Fit to View</source>
        <translation>Ajuster à la &amp;vue</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Auto-&amp;Layout</source>
        <translation>&amp;Disposition automatique</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+137"/>
        <source>&amp;Run</source>
        <translation>E&amp;xécuter</translation>
    </message>
    <message>
        <location line="-135"/>
        <source>St&amp;op</source>
        <translation>&amp;Arrêter</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>&amp;Tap Selected Wire</source>
        <translation>É&amp;couter le lien sélectionné</translation>
    </message>
    <message>
        <location line="-38"/>
        <source>U&amp;ngroup</source>
        <translation>&amp;Dissocier</translation>
    </message>
    <message>
        <location line="-36"/>
        <source>&amp;Flink SQL…</source>
        <translation>&amp;Flink SQL…</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Co&amp;ntinue</source>
        <translation>Co&amp;ntinuer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Step</source>
        <translation>&amp;Pas à pas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Step &amp;Batch</source>
        <translation>Pas à pas (&amp;lot)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recor&amp;d Selected Wire…</source>
        <translation>Enre&amp;gistrer le lien sélectionné…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;play Fixture into Selected Node…</source>
        <translation>Re&amp;jouer un enregistrement dans le nœud sélectionné…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replay at Re&amp;corded Speed</source>
        <translation>Rejouer à la &amp;vitesse enregistrée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask Again &amp;Whether to Resume</source>
        <translation>Redemander s’il faut &amp;reprendre</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run asks again whether to resume from a savepoint of this file</source>
        <translation>Exécuter demandera à nouveau s’il faut reprendre depuis un savepoint de ce fichier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Find node (%1)</source>
        <translation>Rechercher un nœud (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>Fichiers &amp;récents</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ex&amp;port</source>
        <translation>Exporter au &amp;format</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Minimap</source>
        <translation>&amp;Mini-carte</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Theme</source>
        <translation>&amp;Thème</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follow &amp;System</source>
        <translation>Suivre le s&amp;ystème</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Light</source>
        <translation>&amp;Clair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Dark</source>
        <translation>&amp;Sombre</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>L&amp;anguage</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;System Language</source>
        <translation>Langue du &amp;système</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The language changes when StreamCanvas starts again.</source>
        <translation>La langue changera au prochain démarrage de StreamCanvas.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Main</source>
        <translation>Barre principale</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Nodes</source>
        <translation>Nœuds</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Properties</source>
        <translation>Propriétés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problems</source>
        <translation>Problèmes</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Run</source>
        <translation>Exécution</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tap</source>
        <translation>Écoute</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <location line="+16"/>
        <location filename="../app/designer/MainWindowFiles.cpp" line="+27"/>
        <source>Untitled</source>
        <translation>Sans titre</translation>
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
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <location line="+65"/>
        <source>Cannot run the pipeline</source>
        <translation>Impossible d’exécuter le pipeline</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Resume the pipeline?</source>
        <translation>Reprendre le pipeline&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pipeline has a savepoint of an earlier run.</source>
        <translation>Le pipeline a un savepoint d’une exécution précédente.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pipeline has a checkpoint of an earlier run.</source>
        <translation>Le pipeline a un checkpoint d’une exécution précédente.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Resuming continues where that run stopped, with its open windows; starting fresh removes the checkpoints in %1.</source>
        <translation>Reprendre continue là où cette exécution s’est arrêtée, avec ses fenêtres ouvertes&#xa0;; repartir de zéro supprime les checkpoints de %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Resume from savepoint %1 (taken %2 ago, %3)</source>
        <translation>Reprendre depuis le savepoint %1 (pris il y a %2, %3)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume from checkpoint %1 (taken %2 ago, %3)</source>
        <translation>Reprendre depuis le checkpoint %1 (pris il y a %2, %3)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+66"/>
        <source>Start fresh</source>
        <translation>Repartir de zéro</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Don&apos;t ask again for this file</source>
        <translation>Ne plus demander pour ce fichier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run &gt; Ask Again Whether to Resume brings this question back.</source>
        <translation>Exécuter &gt; Redemander s’il faut reprendre fait revenir cette question.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Running; edits apply to the next run</source>
        <translation>En cours&#xa0;; les modifications s’appliqueront à la prochaine exécution</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Start with --fresh to run without that checkpoint (this removes the pipeline&apos;s checkpoints).</source>
        <translation>Lancez avec --fresh pour exécuter sans ce point de contrôle (cela supprime les points de contrôle du pipeline).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot resume</source>
        <translation>Reprise impossible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The pipeline changed since its last checkpoint was taken.</source>
        <translation>Le pipeline a changé depuis son dernier checkpoint.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Select one wire to tap.</source>
        <translation>Sélectionnez un lien à écouter.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tapping the wire</source>
        <translation>Écoute du lien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire is tapped when the pipeline runs (F5)</source>
        <translation>Le lien sera écouté quand le pipeline s’exécutera (F5)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Running %1 s</source>
        <translation>En cours depuis %1 s</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Stopping…</source>
        <translation>Arrêt en cours…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ran %1 s</source>
        <translation>Exécuté pendant %1 s</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>; savepoint %1 taken, the next run resumes there</source>
        <translation>&#xa0;; savepoint %1 pris, la prochaine exécution reprendra à partir de là</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Run finished after %1 s</source>
        <translation>Exécution terminée après %1 s</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The run failed: %1</source>
        <translation>L’exécution a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The run failed in node &apos;%1&apos;: %2</source>
        <translation>L’exécution a échoué dans le nœud «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowFiles.cpp" line="+5"/>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation>%1 contient des modifications non enregistrées. Les enregistrer&#xa0;?</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Open Pipeline</source>
        <translation>Ouvrir un pipeline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation>Pipelines (*.json);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot open %1</source>
        <translation>Impossible d’ouvrir %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Opened %1</source>
        <translation>%1 ouvert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Save Pipeline</source>
        <translation>Enregistrer le pipeline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pipelines (*.json)</source>
        <translation>Pipelines (*.json)</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="+16"/>
        <source>Connections</source>
        <translation>Connexions</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowFiles.cpp" line="+7"/>
        <source>Secrets in clear</source>
        <translation>Secrets en clair</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file would contain secrets in clear text:
%1

Anyone who reads the file can read them. Use ${VARIABLE} references instead (the Connections dock offers them). Save anyway?</source>
        <translation>Le fichier contiendrait des secrets en clair&#xa0;:
%1

Quiconque lit le fichier peut les lire. Utilisez plutôt des références ${VARIABLE} (le panneau Connexions les propose). Enregistrer quand même&#xa0;?</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot save</source>
        <translation>Enregistrement impossible</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved %1</source>
        <translation>%1 enregistré</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot export</source>
        <translation>Export impossible</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported %1</source>
        <translation>%1 exporté</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+6"/>
        <source>Cannot export for a headless run</source>
        <translation>Impossible d’exporter pour une exécution sans interface</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Fix these problems first; nothing was written.

%1</source>
        <translation>Corrigez d’abord ces problèmes ; rien n’a été écrit.

%1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 (secret, required)</source>
        <translation>%1 (secret, obligatoire)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (required)</source>
        <translation>%1 (obligatoire)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (has a default)</source>
        <translation>%1 (a une valeur par défaut)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported to %1:
%2</source>
        <translation>Exporté dans %1 :
%2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The pipeline needs no variables.</source>
        <translation>Le pipeline n’a besoin d’aucune variable.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Variables the pipeline needs (listed in .env.example):
  %1</source>
        <translation>Variables dont le pipeline a besoin (listées dans .env.example) :
  %1</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n secret(s) typed into the pipeline became variables; their values are in no exported file. Give them to the operator another way.</source>
        <translation>
            <numerusform>%n secret saisi dans le pipeline est devenu une variable ; sa valeur ne figure dans aucun fichier exporté. Transmettez-la à l’exploitant par un autre moyen.</numerusform>
            <numerusform>%n secrets saisis dans le pipeline sont devenus des variables ; leurs valeurs ne figurent dans aucun fichier exporté. Transmettez-les à l’exploitant par un autre moyen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start it with run.sh, or install %1 (see README.md).</source>
        <translation>Lancez-le avec run.sh, ou installez %1 (voir README.md).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported for a headless run</source>
        <translation>Exporté pour une exécution sans interface</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Exported for a headless run to %1</source>
        <translation>Exporté pour une exécution sans interface dans %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/MainWindow.cpp" line="+17"/>
        <source>Copied %n node(s) as pipeline JSON</source>
        <translation>
            <numerusform>%n nœud copié en JSON de pipeline</numerusform>
            <numerusform>%n nœuds copiés en JSON de pipeline</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No node matches &apos;%1&apos;</source>
        <translation>Aucun nœud ne correspond à «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Select the nodes to group first</source>
        <translation>Sélectionnez d’abord les nœuds à grouper</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Group Selection</source>
        <translation>Grouper la sélection</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group name:</source>
        <translation>Nom du groupe&#xa0;:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group %1</source>
        <translation>Groupe %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Stopping the run before closing…</source>
        <translation>Arrêt de l’exécution avant la fermeture…</translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowRecording.cpp" line="+22"/>
        <source>Recording failed</source>
        <translation>L’enregistrement a échoué</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Recorded %n record(s) into %1</source>
        <translation>
            <numerusform>%n enregistrement écrit dans %1</numerusform>
            <numerusform>%n enregistrements écrits dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test written to %1 from the stopped run: %2 input and %3 expected records; check it with streamcanvas-run --test</source>
        <translation>Test écrit dans %1 depuis l’exécution arrêtée&#xa0;: %2 enregistrements d’entrée et %3 attendus&#xa0;; vérifiez-le avec streamcanvas-run --test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test written to %1: %2 input and %3 expected records; check it with streamcanvas-run --test</source>
        <translation>Test écrit dans %1&#xa0;: %2 enregistrements d’entrée et %3 attendus&#xa0;; vérifiez-le avec streamcanvas-run --test</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Select one wire to record.</source>
        <translation>Sélectionnez un lien à enregistrer.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Record Wire</source>
        <translation>Enregistrer le lien</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+63"/>
        <source>Wire fixture (*.jsonl)</source>
        <translation>Enregistrement de lien (*.jsonl)</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Cannot record the wire</source>
        <translation>Impossible d’enregistrer le lien</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Recording the wire into %1 until the run ends</source>
        <translation>Enregistrement du lien dans %1 jusqu’à la fin de l’exécution</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wire is recorded into %1 when the pipeline runs (F5)</source>
        <translation>Le lien sera enregistré dans %1 pendant l’exécution du pipeline (F5)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+15"/>
        <source>New Test From Run</source>
        <translation>Nouveau test depuis une exécution</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>A test records a run from its start. Stop the current run, then choose New Test From Run again: it starts the pipeline afresh and records it.</source>
        <translation>Un test enregistre une exécution depuis son début. Arrêtez l’exécution en cours, puis choisissez de nouveau «&#xa0;Nouveau test depuis une exécution&#xa0;»&#xa0;: le pipeline redémarre depuis le début et est enregistré.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Folder for the Test</source>
        <translation>Dossier du test</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Recording a test into %1; it is written when the run ends (Stop ends it)</source>
        <translation>Enregistrement d’un test dans %1&#xa0;; il est écrit à la fin de l’exécution (Arrêter la termine)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select the node to replay a fixture into.</source>
        <translation>Sélectionnez le nœud dans lequel rejouer un enregistrement.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Replay Fixture</source>
        <translation>Rejouer un enregistrement</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Stop the current run first: a replay is a run of its own.</source>
        <translation>Arrêtez d’abord l’exécution en cours&#xa0;: rejouer est une exécution à part entière.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+11"/>
        <location line="+9"/>
        <source>Cannot replay the fixture</source>
        <translation>Impossible de rejouer l’enregistrement</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Replaying %n record(s) of %1 into %2</source>
        <translation>
            <numerusform>Relecture de %n enregistrement de %1 dans %2</numerusform>
            <numerusform>Relecture de %n enregistrements de %1 dans %2</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindowFlinkExport.cpp" line="+33"/>
        <source>Export to Flink SQL</source>
        <translation>Exporter en Flink SQL</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>unsaved pipeline</source>
        <translation>pipeline non enregistré</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cannot export to Flink SQL</source>
        <translation>Impossible d’exporter en Flink SQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was written: these parts of the pipeline cannot be translated to Flink SQL. Choose one to show its node.</source>
        <translation>Rien n’a été écrit&#xa0;: ces parties du pipeline ne peuvent pas être traduites en Flink SQL. Choisissez-en une pour afficher son nœud.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing was exported to Flink SQL</source>
        <translation>Rien n’a été exporté en Flink SQL</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Flink SQL script (*.sql)</source>
        <translation>Script Flink SQL (*.sql)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported the Flink SQL job to %1</source>
        <translation>Tâche Flink SQL exportée vers %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exported to Flink SQL</source>
        <translation>Exporté en Flink SQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job was written to %1. Flink will run it with these differences:</source>
        <translation>La tâche a été écrite dans %1. Flink l’exécutera avec ces différences&#xa0;:</translation>
    </message>
</context>
<context>
    <name>sc::designer::MessageTableModel</name>
    <message>
        <location filename="../app/designer/MessageTableModel.cpp" line="+84"/>
        <source>%1 (milliseconds since 1970-01-01 UTC)</source>
        <translation>%1 (millisecondes depuis le 1970-01-01 UTC)</translation>
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
        <translation>Heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key</source>
        <translation>Clé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
</context>
<context>
    <name>sc::designer::Minimap</name>
    <message>
        <location filename="../app/designer/Minimap.cpp" line="+24"/>
        <source>Overview: click or drag to move the view</source>
        <translation>Vue d’ensemble&#xa0;: cliquer ou glisser pour déplacer la vue</translation>
    </message>
</context>
<context>
    <name>sc::designer::NodeFieldsView</name>
    <message>
        <location filename="../app/designer/FieldSampler.cpp" line="+40"/>
        <source>Sample fields</source>
        <translation>Échantillonner les champs</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reads the first %1 records and remembers their fields in the pipeline file, for completion and spelling checks. Runs never need them.</source>
        <translation>Lit les %1 premiers enregistrements et mémorise leurs champs dans le fichier du pipeline, pour la complétion et la vérification de l&apos;orthographe. Les exécutions n&apos;en ont jamais besoin.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sampling…</source>
        <translation>Échantillonnage…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Fields out: unknown</source>
        <translation>Champs en sortie&#xa0;: inconnus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sample them to check expressions.</source>
        <translation>échantillonnez-les pour vérifier les expressions.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fields out: %1</source>
        <translation>Champs en sortie&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fields out (at least): %1</source>
        <translation>Champs en sortie (au moins)&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::NodeItem</name>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="+122"/>
        <source>in %1</source>
        <translation>entrée %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>out %1</source>
        <translation>sortie %1</translation>
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
            <numerusform>%n erreur</numerusform>
            <numerusform>%n erreurs</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>échec</translation>
    </message>
</context>
<context>
    <name>sc::designer::NodePalette</name>
    <message>
        <location filename="../app/designer/NodePalette.cpp" line="+52"/>
        <source>Search nodes</source>
        <translation>Rechercher des nœuds</translation>
    </message>
</context>
<context>
    <name>sc::designer::PipelineDocument</name>
    <message>
        <location filename="../app/designer/DocumentCommands.cpp" line="+100"/>
        <source>Connect %1 to %2</source>
        <translation>Relier %1 à %2</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Set %1.%2</source>
        <translation>Définir %1.%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Set setting %1</source>
        <translation>Définir le paramètre %1</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Rename pipeline to %1</source>
        <translation>Renommer le pipeline en %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rename %1 to %2</source>
        <translation>Renommer %1 en %2</translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="+89"/>
        <source>%1: could not load: %2</source>
        <translation>%1&#xa0;: chargement impossible&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: not a pipeline file</source>
        <translation>%1&#xa0;: pas un fichier de pipeline</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Could not write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The validator failed: %1</source>
        <translation>La validation a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Add %1</source>
        <translation>Ajouter %1</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>Déplacer %n nœud</numerusform>
            <numerusform>Déplacer %n nœuds</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auto-layout</source>
        <translation>Disposition automatique</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+1"/>
        <location line="+252"/>
        <source>There is no node &apos;%1&apos;.</source>
        <translation>Il n’y a pas de nœud «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <location line="-251"/>
        <source>A node cannot be connected to itself.</source>
        <translation>Un nœud ne peut pas être relié à lui-même.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+4"/>
        <source>Connect an output port to an input port.</source>
        <translation>Reliez un port de sortie à un port d’entrée.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>&apos;%1&apos; has no output port &apos;%2&apos;.</source>
        <translation>«&#xa0;%1&#xa0;» n’a pas de port de sortie «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; has no input port &apos;%2&apos;.</source>
        <translation>«&#xa0;%1&#xa0;» n’a pas de port d’entrée «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 is already connected to %2.</source>
        <translation>%1 est déjà relié à %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Connecting %1 to %2 would make a cycle.</source>
        <translation>Relier %1 à %2 créerait un cycle.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Disconnect</source>
        <translation>Supprimer le lien</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+1"/>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Add connection %1</source>
        <translation>Ajouter la connexion %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Edit connection %1</source>
        <translation>Modifier la connexion %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no connection &apos;%1&apos;.</source>
        <translation>Il n’existe pas de connexion «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a valid connection name: use letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un nom de connexion valide&#xa0;: utilisez des lettres, des chiffres, «&#xa0;_&#xa0;» et «&#xa0;-&#xa0;».</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A connection named &apos;%1&apos; exists already.</source>
        <translation>Une connexion nommée «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rename connection %1 to %2</source>
        <translation>Renommer la connexion %1 en %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete connection %1</source>
        <translation>Supprimer la connexion %1</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>&apos;%1&apos; is not a valid node id: use letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas un identifiant de nœud valide&#xa0;: utilisez des lettres, des chiffres, «&#xa0;_&#xa0;» et «&#xa0;-&#xa0;».</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A node named &apos;%1&apos; exists already.</source>
        <translation>Un nœud nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The clipboard does not hold pipeline JSON: %1</source>
        <translation>Le presse-papiers ne contient pas de JSON de pipeline&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Paste a pipeline, a node object or an array of nodes.</source>
        <translation>Collez un pipeline, un objet nœud ou un tableau de nœuds.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Every pasted node needs a &quot;type&quot;.</source>
        <translation>Chaque nœud collé doit avoir un «&#xa0;type&#xa0;».</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>There are no nodes to paste.</source>
        <translation>Il n’y a aucun nœud à coller.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <location filename="../app/designer/DocumentGroups.cpp" line="+115"/>
        <source>Group %1</source>
        <translation>Groupe %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rename group to %1</source>
        <translation>Renommer le groupe en %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Ungroup %1</source>
        <translation>Dissocier %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Collapse %1</source>
        <translation>Replier %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expand %1</source>
        <translation>Déplier %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Move group %1</source>
        <translation>Déplacer le groupe %1</translation>
    </message>
</context>
<context>
    <name>sc::designer::ProblemsPanel</name>
    <message>
        <location filename="../app/designer/ProblemsPanel.cpp" line="+31"/>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Where</source>
        <translation>Emplacement</translation>
    </message>
</context>
<context>
    <name>sc::designer::PropertyEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="-325"/>
        <source>default: %1</source>
        <translation>par défaut&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required</source>
        <translation>obligatoire</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>expected a whole number or ${VAR}</source>
        <translation>nombre entier ou ${VAR} attendu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected a number or ${VAR}</source>
        <translation>nombre ou ${VAR} attendu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected true, false or ${VAR}</source>
        <translation>true, false ou ${VAR} attendu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected a duration such as 250ms, 10s, 5m, 1h, or ${VAR}</source>
        <translation>durée attendue, par exemple 250ms, 10s, 5m, 1h, ou ${VAR}</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>expected one of: %1</source>
        <translation>une de ces valeurs attendue&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Show the value</source>
        <translation>Afficher la valeur</translation>
    </message>
    <message>
        <location filename="../app/designer/ExpressionEditor.cpp" line="+172"/>
        <source>Input fields: none</source>
        <translation>Champs en entrée&#xa0;: aucun</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Input fields: %1</source>
        <translation>Champs en entrée&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input fields (at least): %1</source>
        <translation>Champs en entrée (au moins)&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>column %1: %2</source>
        <translation>colonne %1&#xa0;: %2</translation>
    </message>
    <message>
        <location filename="../app/designer/TableEditor.cpp" line="+75"/>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>item</source>
        <translation>élément</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Add a row</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Remove the selected rows</source>
        <translation>Supprimer les lignes sélectionnées</translation>
    </message>
    <message>
        <location line="+173"/>
        <source>row %1, %2: %3</source>
        <translation>ligne %1, %2&#xa0;: %3</translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="+111"/>
        <source>not valid JSON</source>
        <translation>JSON non valide</translation>
    </message>
</context>
<context>
    <name>sc::designer::PropertyInspector</name>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="-106"/>
        <source>New connection</source>
        <translation>Nouvelle connexion</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%n nodes selected.</source>
        <translation>
            <numerusform>%n nœud sélectionné.</numerusform>
            <numerusform>%n nœuds sélectionnés.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Required.</source>
        <translation>Obligatoire.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Select a node to edit its properties.</source>
        <translation>Sélectionnez un nœud pour modifier ses propriétés.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>pipeline</source>
        <translation>pipeline</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pipeline&apos;s name: it names the default checkpoint folder and Kafka transactional ids.</source>
        <translation>Le nom du pipeline&#xa0;: il nomme le dossier par défaut des checkpoints et les identifiants transactionnels Kafka.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>The node&apos;s id: edges and messages refer to it.</source>
        <translation>L’identifiant du nœud&#xa0;: les liens et les messages s’y réfèrent.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown node type: its properties cannot be edited here.</source>
        <translation>Type de nœud inconnu&#xa0;: ses propriétés ne peuvent pas être modifiées ici.</translation>
    </message>
</context>
<context>
    <name>sc::designer::RunPanel</name>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="+57"/>
        <location line="+15"/>
        <source>Throughput</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>records/s</source>
        <translation>enregistrements/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Consumer lag</source>
        <translation>Retard des consommateurs</translation>
    </message>
    <message>
        <location line="-27"/>
        <source>in</source>
        <translation>entrée</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>out</source>
        <translation>sortie</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Records/s in and out</source>
        <translation>Enregistrements/s en entrée et en sortie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes/s in and out</source>
        <translation>Octets/s en entrée et en sortie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>bytes/s</source>
        <translation>octets/s</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Messages per source</source>
        <translation>Messages par source</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <source>messages</source>
        <translation>messages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Messages per partition</source>
        <translation>Messages par partition</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <source>seconds</source>
        <translation>secondes</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Time behind per source</source>
        <translation>Retard en temps par source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time behind per partition</source>
        <translation>Retard en temps par partition</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Aggregates</source>
        <translation>Agrégats</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lag</source>
        <translation>Retard</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Run %1</source>
        <translation>Exécution %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 s ago</source>
        <translation>il y a %1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 min ago</source>
        <translation>il y a %1 min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 h ago</source>
        <translation>il y a %1 h</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No checkpoint completed yet</source>
        <translation>Aucun checkpoint terminé pour l’instant</translation>
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
        <translation>durée %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>alignment %1</source>
        <translation>alignement %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>pause %1</source>
        <translation>pause %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n failed</source>
        <translation>
            <numerusform>%n en échec</numerusform>
            <numerusform>%n en échec</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>failed, restart %1 in %2</source>
        <translation>en échec, redémarrage %1 dans %2</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n restart(s)</source>
        <translation>
            <numerusform>%n redémarrage</numerusform>
            <numerusform>%n redémarrages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checkpoints completed in this run: %1; failed: %2</source>
        <translation>Checkpoints terminés dans cette exécution&#xa0;: %1&#xa0;; en échec&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Folder: %1</source>
        <translation>Dossier&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Longest synchronous pause in this run: %1</source>
        <translation>Plus longue pause synchrone de cette exécution&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Last failure: %1</source>
        <translation>Dernier échec&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run the pipeline (F5) to see its aggregates, throughput and consumer lag here.</source>
        <translation>Exécutez le pipeline (F5) pour voir ici ses agrégats, son débit et le retard des consommateurs.</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>%1 s: sources produced %2 records, sinks received %3</source>
        <translation>%1 s&#xa0;: les sources ont produit %2 enregistrements, les destinations en ont reçu %3</translation>
    </message>
</context>
<context>
    <name>sc::designer::RunRecording</name>
    <message>
        <location filename="../app/designer/RunRecording.cpp" line="+41"/>
        <source>Choose a folder for the test.</source>
        <translation>Choisissez un dossier pour le test.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The wire %1:%2 is not in the running pipeline.</source>
        <translation>Le lien %1:%2 n’existe pas dans le pipeline en cours d’exécution.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The run failed (%1), so the test in %2 may be incomplete.</source>
        <translation>L’exécution a échoué (%1)&#xa0;; le test dans %2 est peut-être incomplet.</translation>
    </message>
</context>
<context>
    <name>sc::designer::TableEditor</name>
    <message>
        <location filename="../app/designer/TableEditor.cpp" line="-159"/>
        <source>these:</source>
        <translation>ceux-ci&#xa0;:</translation>
    </message>
</context>
<context>
    <name>sc::designer::TapPanel</name>
    <message>
        <location filename="../app/designer/TapPanel.cpp" line="+54"/>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
</context>
<context>
    <name>sc::designer::TimeChartView</name>
    <message>
        <location filename="../app/designer/ChartSupport.cpp" line="+22"/>
        <source>Wheel: zoom the time axis · drag: pan · double-click: follow the newest data</source>
        <translation>Molette&#xa0;: zoomer l’axe du temps · glisser&#xa0;: déplacer · double-clic&#xa0;: suivre les données les plus récentes</translation>
    </message>
    <message>
        <location line="+121"/>
        <source>CSV of the shown series (*.csv)</source>
        <translation>CSV des séries affichées (*.csv)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG picture (*.png)</source>
        <translation>Image PNG (*.png)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>Export Chart</source>
        <translation>Exporter le graphique</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>the picture could not be written</source>
        <translation>l’image n’a pas pu être écrite</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>sc::designer::TopicBrowser</name>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="+134"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Topic</source>
        <translation>Topic</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partitions</source>
        <translation>Partitions</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+3"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Partition</source>
        <translation>Partition</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>First offset</source>
        <translation>Premier offset</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>End offset</source>
        <translation>Offset de fin</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Leader</source>
        <translation>Leader</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Read</source>
        <translation>Lire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the rest to a file</source>
        <translation>Enregistrer le reste dans un fichier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Produce Again</source>
        <translation>Produire à nouveau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow</source>
        <translation>Suivre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Produce</source>
        <translation>Produire</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>bootstrap servers, e.g. localhost:9092</source>
        <translation>serveurs d’amorçage, par ex. localhost:9092</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Drag a topic onto the canvas for a Kafka source reading it; hold Shift while dropping for a Kafka sink writing to it</source>
        <translation>Faites glisser un topic sur le canevas pour une source Kafka qui le lit&#xa0;; maintenez Maj en le déposant pour un puits Kafka qui y écrit</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>newest · beginning · offset · -N · s@TIME e@TIME · -10m</source>
        <translation>récents · beginning · offset · -N · s@TEMPS e@TEMPS · -10m</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Where to read, as kcat&apos;s -o: beginning, end, an offset, -N (the last N of each partition), s@TIME (from a time), e@TIME (up to a time) or a relative time such as -10m, -2h, -1d. TIME is epoch milliseconds, 2026-06-01T12:00:00Z or relative. Empty: the newest messages.</source>
        <translation>Où lire, comme l’option -o de kcat&#xa0;: beginning, end, un offset, -N (les N derniers de chaque partition), s@TEMPS (à partir d’un instant), e@TEMPS (jusqu’à un instant) ou un temps relatif tel que -10m, -2h, -1d. TEMPS est en millisecondes depuis 1970, 2026-06-01T12:00:00Z ou relatif. Vide&#xa0;: les messages les plus récents.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>filter, e.g. temperature &gt; 30 &amp;&amp; $key == &quot;a&quot;</source>
        <translation>filtre, p. ex. temperature &gt; 30 &amp;&amp; $key == &quot;a&quot;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An expression in the pipeline&apos;s language over the value&apos;s fields, $key, $headers.NAME, $partition, $offset and $timestamp. The whole range is scanned; the first %L1 matches are kept.</source>
        <translation>Une expression dans le langage du pipeline sur les champs de la valeur, $key, $headers.NAME, $partition, $offset et $timestamp. Toute la plage est parcourue&#xa0;; les %L1 premières correspondances sont conservées.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Matches past the first %L1 are written to a JSON lines file you choose</source>
        <translation>Les correspondances au-delà des %L1 premières sont écrites dans un fichier JSON Lines de votre choix</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hex</source>
        <translation>Hexa</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Select a message to see it whole</source>
        <translation>Sélectionnez un message pour le voir en entier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the shown messages as JSON lines (as kcat -J prints them) or CSV</source>
        <translation>Enregistrer les messages affichés en JSON Lines (comme les affiche kcat -J) ou en CSV</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the selected message into the fields below, to edit and produce</source>
        <translation>Copier le message sélectionné dans les champs ci-dessous, pour le modifier et l’envoyer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key (optional)</source>
        <translation>clé (facultative)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>headers: name=value, …</source>
        <translation>en-têtes&#xa0;: nom=valeur, …</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>any partition</source>
        <translation>toute partition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The partition to produce to; &quot;any&quot; lets the partitioner choose</source>
        <translation>La partition où envoyer&#xa0;; « toute » laisse le partitionneur choisir</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show new messages of the selected topic as they arrive</source>
        <translation>Afficher les nouveaux messages du topic sélectionné dès leur arrivée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cluster:</source>
        <translation>Cluster&#xa0;:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Topics</source>
        <translation>Topics</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Consumer Groups</source>
        <translation>Groupes de consommateurs</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Show value as:</source>
        <translation>Afficher la valeur en&#xa0;:</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%L1 of %L2 messages read, %L3 matches</source>
        <translation>%L1 messages lus sur %L2, %L3 correspondances</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+17"/>
        <source>Enter a cluster&apos;s bootstrap servers (for example what streamcanvas-run --sandbox prints) and press Refresh.</source>
        <translation>Saisissez les serveurs d’amorçage d’un cluster (par exemple ce qu’affiche streamcanvas-run --sandbox), puis cliquez sur Actualiser.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a cluster and press Refresh.</source>
        <translation>Choisissez un cluster et appuyez sur Actualiser.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>embedded</source>
        <translation>intégré</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>connection %1 (%2)</source>
        <translation>connexion %1 (%2)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Connection &apos;%1&apos; of this pipeline: the designer&apos;s embedded cluster, started when needed and shared with its runs</source>
        <translation>Connexion «&#xa0;%1&#xa0;» de ce pipeline&#xa0;: le cluster intégré du designer, démarré au besoin et partagé avec ses exécutions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection &apos;%1&apos; of this pipeline, with its librdkafka properties; ${VAR} references are read from the environment</source>
        <translation>Connexion «&#xa0;%1&#xa0;» de ce pipeline, avec ses propriétés librdkafka&#xa0;; les références ${VAR} sont lues dans l’environnement</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 run&apos;s embedded cluster (%2)</source>
        <translation>cluster intégré de l’exécution %1 (%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The embedded cluster that a run started for connection &apos;%1&apos; in this designer</source>
        <translation>Le cluster intégré qu’une exécution a démarré dans ce designer pour la connexion «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+98"/>
        <source>Cannot use connection &apos;%1&apos;: %2</source>
        <translation>Connexion «&#xa0;%1&#xa0;» inutilisable&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; is no cluster address. Choose an entry of the list, or type bootstrap servers such as localhost:9092 or host1:9092,host2:9092.</source>
        <translation>«&#xa0;%1&#xa0;» n’est pas une adresse de cluster. Choisissez une entrée de la liste ou saisissez des serveurs d’amorçage comme localhost:9092 ou host1:9092,host2:9092.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Connection &apos;%1&apos; uses the embedded cluster, which only runs inside the designer&apos;s window.</source>
        <translation>La connexion «&#xa0;%1&#xa0;» utilise le cluster intégré, qui ne tourne que dans la fenêtre du designer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot start the embedded cluster of connection &apos;%1&apos;: %2</source>
        <translation>Impossible de démarrer le cluster intégré de la connexion «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Enter the cluster&apos;s bootstrap servers first.</source>
        <translation>Saisissez d’abord les serveurs d’amorçage du cluster.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Listing topics of %1…</source>
        <translation>Liste des topics de %1…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Cannot list topics of %1: %2</source>
        <translation>Impossible de lister les topics de %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>1 topic on %1</source>
        <translation>1 topic sur %1</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n topics on %1</source>
        <translation>
            <numerusform>%n topic sur %1</numerusform>
            <numerusform>%n topics sur %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowserMessages.cpp" line="+140"/>
        <location line="+150"/>
        <source>Cannot read %1: %2</source>
        <translation>Impossible de lire %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <location line="-143"/>
        <source>%1: the newest %n messages</source>
        <translation>
            <numerusform>%1&#xa0;: le message le plus récent</numerusform>
            <numerusform>%1&#xa0;: les %n messages les plus récents</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="+26"/>
        <source>Configuration: asking…</source>
        <translation>Configuration&#xa0;: demande en cours…</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+10"/>
        <source>Configuration: %1</source>
        <translation>Configuration&#xa0;: %1</translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowserMessages.cpp" line="+34"/>
        <source>Cannot follow %1: %2</source>
        <translation>Impossible de suivre %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n newer messages arrived at once and are not shown; Read with an empty start shows the newest.</source>
        <translation>
            <numerusform>%n message plus récent est arrivé d’un coup et n’est pas affiché ; Lire avec un début vide affiche les plus récents.</numerusform>
            <numerusform>%n messages plus récents sont arrivés d’un coup et ne sont pas affichés ; Lire avec un début vide affiche les plus récents.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>It does not match the filter %1, so it is not shown.</source>
        <translation>Il ne correspond pas au filtre %1, il n’est donc pas affiché.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a topic to read (press Refresh to list the topics).</source>
        <translation>Sélectionnez un topic à lire (Actualiser liste les topics).</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Read from: %1</source>
        <translation>Lire à partir de&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Save Matches Past the First %L1</source>
        <translation>Enregistrer les correspondances au-delà des %L1 premières</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON lines (*.jsonl)</source>
        <translation>JSON Lines (*.jsonl)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Reading %1…</source>
        <translation>Lecture de %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scanning %1 for %2…</source>
        <translation>Recherche de %2 dans %1…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1: %L2 of %L3 messages read, %L4 matched, %L5 shown</source>
        <translation>%1&#xa0;: %L2 messages lus sur %L3, %L4 correspondances, %L5 affichés</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>; %L1 more saved to the file</source>
        <translation>&#xa0;; %L1 de plus enregistrés dans le fichier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (cancelled)</source>
        <translation> (annulé)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 has no messages.</source>
        <translation>%1 ne contient aucun message.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was written to %1 since the start of the range: its newest message is from %2.</source>
        <translation>Rien n’a été écrit dans %1 depuis le début de la plage&#xa0;: son message le plus récent date de %2.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Partition %1 · offset %2 · %3 (%4 ms)</source>
        <translation>Partition %1 · offset %2 · %3 (%4 ms)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Key: %1</source>
        <translation>Clé&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers: %1</source>
        <translation>En-têtes&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(no value: a tombstone)</source>
        <translation>(aucune valeur&#xa0;: une pierre tombale)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(not JSON: %1 at byte %2; shown as text)</source>
        <translation>(pas du JSON&#xa0;: %1 à l’octet %2&#xa0;; affiché en texte)</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+12"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d’écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export Messages</source>
        <translation>Exporter les messages</translation>
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
            <numerusform>%n message exporté vers %1</numerusform>
            <numerusform>%n messages exportés vers %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit the message and press Produce to send it to %1 again.</source>
        <translation>Modifiez le message et appuyez sur Produire pour l’envoyer de nouveau à %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose a cluster and press Refresh, then select a topic to produce to.</source>
        <translation>Choisissez un cluster et appuyez sur «&#xa0;Actualiser&#xa0;», puis sélectionnez le topic dans lequel produire.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Select a topic to produce to (press Refresh to list the topics).</source>
        <translation>Sélectionnez le topic dans lequel produire («&#xa0;Actualiser&#xa0;» liste les topics).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Producing to %1…</source>
        <translation>Production dans %1…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot produce: %1</source>
        <translation>Impossible de produire&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Produced to %1, partition %2, offset %3</source>
        <translation>Produit dans %1, partition %2, offset %3</translation>
    </message>
</context>
<context>
    <name>sc::designer::WireView</name>
    <message>
        <location filename="../app/designer/WireView.cpp" line="+58"/>
        <location line="+102"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Pretty JSON</source>
        <translation>JSON indenté</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata</source>
        <translation>Métadonnées</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>While paused, records are counted but not copied or shown</source>
        <translation>En pause, les enregistrements sont comptés mais ni copiés ni affichés</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter, e.g. amount &gt; 100 &amp;&amp; currency == &quot;EUR&quot;</source>
        <translation>Filtre, p. ex. amount &gt; 100 &amp;&amp; currency == &quot;EUR&quot;</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Shows only the records for which this expression is true (the pipeline&apos;s expression language; fields, and $key, $topic, $partition, $offset, $timestamp, $headers.NAME). Press Enter to apply.</source>
        <translation>N’affiche que les enregistrements pour lesquels cette expression est vraie (le langage d’expressions du pipeline&#xa0;; champs, et $key, $topic, $partition, $offset, $timestamp, $headers.NAME). Appuyez sur Entrée pour l’appliquer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Shows each record&apos;s topic, partition, offset, key, headers, event time and the time it passed</source>
        <translation>Affiche pour chaque enregistrement son topic, sa partition, son offset, sa clé, ses en-têtes, son temps d’événement et l’heure de son passage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Break when</source>
        <translation>Arrêter si</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Holds the first record for which the condition is true (any record when it is empty): that branch of the pipeline waits until Step or Continue</source>
        <translation>Retient le premier enregistrement pour lequel la condition est vraie (n’importe lequel si elle est vide)&#xa0;: cette branche du pipeline attend Pas à pas ou Continuer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Condition (empty: every record)</source>
        <translation>Condition (vide&#xa0;: chaque enregistrement)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Step</source>
        <translation>Pas à pas</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Passes the held record and holds the next one</source>
        <translation>Laisse passer l’enregistrement retenu et retient le suivant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step Batch</source>
        <translation>Pas à pas (lot)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passes the held record and the rest of its batch, and holds the first record of the next batch</source>
        <translation>Laisse passer l’enregistrement retenu et le reste de son lot, et retient le premier enregistrement du lot suivant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Passes the held record and runs to the next one that matches</source>
        <translation>Laisse passer l’enregistrement retenu et continue jusqu’au prochain qui correspond</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The filter does not apply: %1. Fix it and press Enter.</source>
        <translation>Le filtre ne s’applique pas&#xa0;: %1. Corrigez-le et appuyez sur Entrée.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The condition does not apply: %1. Fix it and press Enter.</source>
        <translation>La condition ne s’applique pas&#xa0;: %1. Corrigez-la et appuyez sur Entrée.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>topic %1</source>
        <translation>topic %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>partition %1</source>
        <translation>partition %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>offset %1</source>
        <translation>offset %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>key %1</source>
        <translation>clé %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>headers %1</source>
        <translation>en-têtes %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>event time %1</source>
        <translation>temps d’événement %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>arrived %1</source>
        <translation>arrivé %1</translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>Console sinks printed %n records (the newest %1 are kept here)</source>
        <translation>
            <numerusform>Les sorties console ont affiché %n enregistrement (les %1 plus récents sont gardés ici)</numerusform>
            <numerusform>Les sorties console ont affiché %n enregistrements (les %1 plus récents sont gardés ici)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Records that console sinks print appear here while the pipeline runs. To watch any wire, select it and choose Run ▸ Tap Selected Wire (Ctrl+T).</source>
        <translation>Ce qu’affichent les sorties console apparaît ici pendant l’exécution du pipeline. Pour observer un lien, sélectionnez-le puis choisissez Exécuter ▸ Écouter le lien sélectionné (Ctrl+T).</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Wire %1: %n records passed (a sample shown: up to %2 of every batch, %3 a second)</source>
        <translation>
            <numerusform>Lien %1&#xa0;: %n enregistrement passé (échantillon affiché&#xa0;: jusqu’à %2 par lot, %3 par seconde)</numerusform>
            <numerusform>Lien %1&#xa0;: %n enregistrements passés (échantillon affiché&#xa0;: jusqu’à %2 par lot, %3 par seconde)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Wire %1: %n records passed (none skipped; the newest %2 are kept here)</source>
        <translation>
            <numerusform>Lien %1&#xa0;: %n enregistrement passé (aucun omis&#xa0;; les %2 plus récents sont gardés ici)</numerusform>
            <numerusform>Lien %1&#xa0;: %n enregistrements passés (aucun omis&#xa0;; les %2 plus récents sont gardés ici)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(paused)</source>
        <translation>(en pause)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Held before this record, after a step:</source>
        <translation>Arrêté avant cet enregistrement, après un pas :</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Held before this record (the condition&apos;s hit %1):</source>
        <translation>Arrêté avant cet enregistrement (correspondance %1 de la condition) :</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1 (milliseconds since 1970-01-01 UTC)</source>
        <translation>%1 (millisecondes depuis le 1970-01-01 UTC)</translation>
    </message>
</context>
</TS>
