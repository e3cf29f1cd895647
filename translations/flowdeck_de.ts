<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ApiError</name>
    <message>
        <location filename="../core/api/apierror.cpp" line="133"/>
        <source>The server may have carried out the request; check before trying again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Environment</name>
    <message>
        <location filename="../core/api/environment.cpp" line="60"/>
        <source>Unrecognized environment &quot;%1&quot;; known: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/environment.cpp" line="74"/>
        <source>&quot;%1&quot; is not a valid service URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/environment.cpp" line="78"/>
        <source>Only https:// service URLs are supported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/environment.cpp" line="82"/>
        <source>Plain http:// is only allowed to this computer (loopback); use https:// for %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FastJson</name>
    <message>
        <location filename="../core/api/fastjson.cpp" line="28"/>
        <source>The response is not valid JSON (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/fastjson.cpp" line="107"/>
        <location filename="../core/api/fastjson.cpp" line="192"/>
        <source>A run is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/fastjson.cpp" line="167"/>
        <source>The response is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/fastjson.cpp" line="210"/>
        <source>The response has no &quot;runs&quot; list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Flowdeck::App::Application</name>
    <message>
        <location filename="../app/application.cpp" line="39"/>
        <source>Service: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Flowdeck::Core::ApiReply</name>
    <message>
        <location filename="../core/api/apireply.cpp" line="87"/>
        <source>Your sign-in has expired and could not be renewed; please sign in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/apireply.cpp" line="106"/>
        <location filename="../core/api/apireply.cpp" line="226"/>
        <source>Canceled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/apireply.cpp" line="110"/>
        <source>The server did not answer within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/apireply.cpp" line="114"/>
        <source>The connection closed before the server answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/apireply.cpp" line="145"/>
        <source>Unexpected response format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/apireply.cpp" line="203"/>
        <source>The response is not valid JSON (%1 at byte %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../core/api/apireply.cpp" line="207"/>
        <source>The response is not a JSON object</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Flowdeck::Ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="20"/>
        <source>Flowdeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="25"/>
        <source>&lt;h1&gt;Flowdeck&lt;/h1&gt;&lt;p&gt;Design, launch and watch Globus Flows.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="27"/>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="32"/>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="45"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="46"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="50"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="51"/>
        <source>&amp;About Flowdeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="52"/>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="58"/>
        <source>About Flowdeck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/mainwindow.cpp" line="59"/>
        <source>&lt;b&gt;Flowdeck %1&lt;/b&gt;&lt;p&gt;A desktop client for Globus Flows.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonFields</name>
    <message>
        <location filename="../core/api/fastjson.cpp" line="91"/>
        <location filename="../core/api/jsonfields.cpp" line="118"/>
        <source>The field &quot;%1&quot; is missing or not a string</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/commandline.cpp" line="30"/>
        <source>Flowdeck: design, launch and watch Globus Flows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/commandline.cpp" line="34"/>
        <source>Talk to the Flows service at &lt;url&gt;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/commandline.cpp" line="37"/>
        <source>Globus environment: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/commandline.cpp" line="40"/>
        <source>Save the main window to &lt;png&gt; once shown, then quit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/commandline.cpp" line="57"/>
        <source>Unknown environment &quot;%1&quot;
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
