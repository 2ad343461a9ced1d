<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>GraphScene</name>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="221"/>
        <source>Unknown node type &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="341"/>
        <source>Connected %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/GraphScene.cpp" line="343"/>
        <source>Connection refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="54"/>
        <source>%1%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="65"/>
        <source>No problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="66"/>
        <source>%1 errors, %2 warnings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="124"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="128"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="130"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="132"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="133"/>
        <source>&amp;Export Diagram…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="139"/>
        <source>Export Diagram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="140"/>
        <source>PNG image (*.png);;SVG image (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="143"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="145"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="150"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="156"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="160"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="162"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="164"/>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="166"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="168"/>
        <source>&amp;Find Node…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="174"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="176"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="178"/>
        <source>&amp;Fit to View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="180"/>
        <source>Auto-&amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="188"/>
        <source>Find node (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="209"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="212"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="220"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="229"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="236"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="264"/>
        <source>Nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="266"/>
        <source>Properties</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="268"/>
        <source>Problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="275"/>
        <location filename="../app/designer/MainWindow.cpp" line="301"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="276"/>
        <source>%1[*] — StreamCanvas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="306"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="306"/>
        <source>%1 has unsaved changes. Save them?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="315"/>
        <source>Open Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="316"/>
        <source>Pipelines (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="323"/>
        <source>Cannot open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="328"/>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="339"/>
        <source>Save Pipeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="341"/>
        <source>Pipelines (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="348"/>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="352"/>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="359"/>
        <source>Cannot export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="362"/>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../app/designer/MainWindow.cpp" line="402"/>
        <source>Copied %n node(s) as pipeline JSON</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../app/designer/MainWindow.cpp" line="425"/>
        <source>No node matches &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodePalette</name>
    <message>
        <location filename="../app/designer/NodePalette.cpp" line="50"/>
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
        <location filename="../app/designer/PropertyInspector.cpp" line="119"/>
        <source>The node&apos;s id: edges and messages refer to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="121"/>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="125"/>
        <source>Unknown node type: its properties cannot be edited here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/PropertyInspector.cpp" line="139"/>
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
    <name>main</name>
    <message>
        <location filename="../app/designer/main.cpp" line="26"/>
        <source>StreamCanvas designer: build stream pipelines by drag and drop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="31"/>
        <source>Pipeline file to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="35"/>
        <source>Write a PNG or SVG picture of PIPELINE.json to OUT and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="44"/>
        <source>streamcanvas: at most one pipeline file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/designer/main.cpp" line="49"/>
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
