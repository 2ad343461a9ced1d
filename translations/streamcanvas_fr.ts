<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>GraphScene</name>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="238"/>
        <source>Unknown node type &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="363"/>
        <source>Connected %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="365"/>
        <source>Connection refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="64"/>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="75"/>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="76"/>
        <source>%1 errors, %2 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="139"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="143"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="145"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="147"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="148"/>
        <source>&amp;Export Diagram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="154"/>
        <source>Export Diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="155"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="158"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="160"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="165"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="171"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="175"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="177"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="179"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="181"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="183"/>
        <source>&amp;Find Node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="189"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="191"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="193"/>
        <source>&amp;Fit to View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="195"/>
        <source>Auto-&amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="201"/>
        <location filename="../app/designer/MainWindow.cpp" line="275"/>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="203"/>
        <source>S&amp;top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="205"/>
        <source>&amp;Tap Selected Wire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="210"/>
        <source>Find node (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="231"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="234"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="242"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="251"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="258"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="260"/>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="261"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="262"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="281"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="310"/>
        <source>Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="312"/>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="314"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="317"/>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="321"/>
        <source>Tap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="325"/>
        <source>Topics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="340"/>
        <location filename="../app/designer/MainWindow.cpp" line="444"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="341"/>
        <source>%1[*] — StreamCanvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="361"/>
        <source>Cannot run the pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="364"/>
        <source>Running; edits apply to the next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="370"/>
        <source>Select one wire to tap.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="383"/>
        <source>Tapping the wire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="384"/>
        <source>The wire is tapped when the pipeline runs (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="398"/>
        <source>Running %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="401"/>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="404"/>
        <source>Ran %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="414"/>
        <source>Run finished after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="424"/>
        <source>The run failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="425"/>
        <source>The run failed in node &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="427"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="449"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="449"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="458"/>
        <source>Open Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="459"/>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="466"/>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="471"/>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="482"/>
        <source>Save Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="484"/>
        <source>Pipelines (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="491"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="495"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="502"/>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="505"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/MainWindow.cpp" line="545"/>
        <source>Copied %n node(s) as pipeline JSON</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="568"/>
        <source>No node matches &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeItem</name>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="122"/>
        <source>in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="124"/>
        <source>out %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="125"/>
        <source>%1/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="126"/>
        <source>%n errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/NodeItem.cpp" line="127"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodePalette</name>
    <message>
        <location filename="../app/designer/NodePalette.cpp" line="51"/>
        <source>Search nodes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PipelineDocument</name>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="86"/>
        <source>%1: could not load: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="92"/>
        <source>%1: not a pipeline file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="107"/>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="226"/>
        <source>Add %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/PipelineDocument.cpp" line="242"/>
        <source>Move %n node(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="243"/>
        <source>Auto-layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="250"/>
        <location filename="../app/designer/PipelineDocument.cpp" line="251"/>
        <location filename="../app/designer/PipelineDocument.cpp" line="324"/>
        <source>There is no node &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="252"/>
        <source>A node cannot be connected to itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="257"/>
        <location filename="../app/designer/PipelineDocument.cpp" line="261"/>
        <source>Connect an output port to an input port.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="258"/>
        <source>&apos;%1&apos; has no output port &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="262"/>
        <source>&apos;%1&apos; has no input port &apos;%2&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="267"/>
        <source>%1 is already connected to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="275"/>
        <source>Connecting %1 to %2 would make a cycle.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="299"/>
        <source>Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="304"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="327"/>
        <source>&apos;%1&apos; is not a valid node id: use letters, digits, &apos;_&apos; and &apos;-&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="328"/>
        <source>A node named &apos;%1&apos; exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="373"/>
        <source>The clipboard does not hold pipeline JSON: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="385"/>
        <source>Paste a pipeline, a node object or an array of nodes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="393"/>
        <source>Every pasted node needs a &quot;type&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="404"/>
        <source>There are no nodes to paste.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PipelineDocument.cpp" line="450"/>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../app/designer/ProblemsPanel.cpp" line="31"/>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/ProblemsPanel.cpp" line="31"/>
        <source>Node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/ProblemsPanel.cpp" line="31"/>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertyEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="33"/>
        <source>default: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="34"/>
        <source>required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="40"/>
        <source>expected a whole number or ${VAR}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="42"/>
        <source>expected a number or ${VAR}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="44"/>
        <source>expected true, false or ${VAR}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="46"/>
        <source>expected a duration such as 250ms, 10s, 5m, 1h, or ${VAR}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="78"/>
        <source>expected one of: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PropertyInspector</name>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="75"/>
        <source>Select a node to edit its properties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/PropertyInspector.cpp" line="76"/>
        <source>%n nodes selected.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="124"/>
        <source>The node&apos;s id: edges and messages refer to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="126"/>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="130"/>
        <source>Unknown node type: its properties cannot be edited here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="144"/>
        <source>Required.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../app/designer/DiagramExport.cpp" line="67"/>
        <location filename="../app/designer/DiagramExport.cpp" line="75"/>
        <location filename="../app/designer/DiagramExport.cpp" line="86"/>
        <source>Could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/DiagramExport.cpp" line="81"/>
        <source>Unsupported image type &apos;%1&apos;: use .png or .svg</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/DiagramExport.cpp" line="95"/>
        <source>streamcanvas: --export-image needs a .png or .svg file name, got &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/DiagramExport.cpp" line="105"/>
        <source>%1: not a pipeline file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunPanel</name>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="22"/>
        <source>Run the pipeline (F5) to see its throughput and consumer lag here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="23"/>
        <source>Throughput</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="23"/>
        <source>records/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="24"/>
        <source>Consumer lag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="24"/>
        <source>records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="48"/>
        <source>seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/RunPanel.cpp" line="146"/>
        <source>%1 s: sources produced %2 records, sinks received %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TapPanel</name>
    <message>
        <location filename="../app/designer/TapPanel.cpp" line="21"/>
        <source>Select a wire and choose Run ▸ Tap Selected Wire (Ctrl+T) to see the records passing it while the pipeline runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TapPanel.cpp" line="29"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/TapPanel.cpp" line="54"/>
        <source>Wire %1: %n records passed (up to %2 of every batch shown)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TopicBrowser</name>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="56"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="57"/>
        <source>Topic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="57"/>
        <source>Partitions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="57"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="59"/>
        <source>Partition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="59"/>
        <source>Offset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="59"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="59"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="59"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="60"/>
        <source>Follow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="63"/>
        <source>Produce</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="68"/>
        <source>bootstrap servers, e.g. localhost:9092</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="71"/>
        <source>key (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="72"/>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="75"/>
        <source>Show new messages of the selected topic as they arrive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="79"/>
        <source>Cluster:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="121"/>
        <source>Enter a cluster&apos;s bootstrap servers (for example what streamcanvas-run --sandbox prints) and press Refresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="179"/>
        <source>Enter the cluster&apos;s bootstrap servers first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="182"/>
        <source>Listing topics of %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="187"/>
        <source>Cannot list topics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/TopicBrowser.cpp" line="202"/>
        <source>%n topics on %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="245"/>
        <source>Cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/TopicBrowser.cpp" line="250"/>
        <source>%1: the newest %n messages</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="281"/>
        <source>Cannot follow %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="332"/>
        <source>Cannot produce: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/TopicBrowser.cpp" line="336"/>
        <source>Produced to %1, partition %2, offset %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/designer/main.cpp" line="28"/>
        <source>StreamCanvas designer: build stream pipelines by drag and drop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="33"/>
        <source>Pipeline file to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="37"/>
        <source>Write a PNG or SVG picture of PIPELINE.json to OUT and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="43"/>
        <source>Appearance: system, light or dark (default: the last one chosen in View &gt; Theme, else system).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="60"/>
        <source>streamcanvas: unknown theme &apos;%1&apos; (use system, light or dark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="68"/>
        <source>streamcanvas: at most one pipeline file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="73"/>
        <source>streamcanvas: --export-image needs a pipeline file</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sc::designer::ExpressionEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="301"/>
        <source>column %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sc::designer::JsonEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="495"/>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sc::designer::LineEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="138"/>
        <source>Show the value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sc::designer::PipelineDocument</name>
    <message>
        <location filename="../app/designer/DocumentCommands.cpp" line="100"/>
        <source>Connect %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/DocumentCommands.cpp" line="116"/>
        <source>Set %1.%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/DocumentCommands.cpp" line="141"/>
        <source>Rename %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sc::designer::TableEditor</name>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="313"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="318"/>
        <source>value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="318"/>
        <source>item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="336"/>
        <source>Add a row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="340"/>
        <source>Remove the selected rows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyEditors.cpp" line="476"/>
        <source>row %1, %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
