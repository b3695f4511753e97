<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AgendaFile</name>
    <message>
        <source>Open agenda</source>
        <translation>Open agenda</translation>
    </message>
    <message>
        <source>Agendas and rundowns (*.yaml *.yml *.xlsx *.ods *.csv)</source>
        <translation>Agendas and rundowns (*.yaml *.yml *.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>The show has started: the agenda cannot be replaced.</source>
        <translation>The show has started: the agenda cannot be replaced.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>The agenda file {name} changed on disk. Reload it? The show has not started: the console opens again on the changed agenda.</source>
        <translation>The agenda file {name} changed on disk. Reload it? The show has not started: the console opens again on the changed agenda.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>The agenda file {name} changed on disk. It is not reloaded: the show has started, and a running show keeps its agenda. Its running order is edited from the table&apos;s context menu (move, add or remove a speaker, change a time).</source>
        <translation>The agenda file {name} changed on disk. It is not reloaded: the show has started, and a running show keeps its agenda. Its running order is edited from the table&apos;s context menu (move, add or remove a speaker, change a time).</translation>
    </message>
    <message>
        <source>The agenda cannot be replaced or reloaded now: the show has started. A running show keeps its agenda; its running order is edited from the table&apos;s context menu (move, add or remove a speaker, change a time).</source>
        <translation>The agenda cannot be replaced or reloaded now: the show has started. A running show keeps its agenda; its running order is edited from the table&apos;s context menu (move, add or remove a speaker, change a time).</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>{name} cannot be opened ({n} problems); the console keeps the current agenda:</source>
        <translation>{name} cannot be opened ({n} problems); the console keeps the current agenda:</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open agenda…</source>
        <translation>Open agenda…</translation>
    </message>
    <message>
        <source>Reload the agenda</source>
        <translation>Reload the agenda</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Planned</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Speaker</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>pending</translation>
    </message>
    <message>
        <source>on now</source>
        <translation>on now</translation>
    </message>
    <message>
        <source>done</source>
        <translation>done</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>skipped</translation>
    </message>
    <message>
        <source>passed over</source>
        <translation>passed over</translation>
    </message>
    <message>
        <source>open discussion</source>
        <translation>open discussion</translation>
    </message>
    <message>
        <source>{first} (+{more})</source>
        <translation>{first} (+{more})</translation>
    </message>
    <message numerus="yes">
        <source>%n speaker(s):</source>
        <translation>
            <numerusform>%n speaker:</numerusform>
            <numerusform>%n speakers:</numerusform>
        </translation>
    </message>
    <message>
        <source>Started at {time}</source>
        <translation>Started at {time}</translation>
    </message>
</context>
<context>
    <name>AsRunReport</name>
    <message>
        <source>The show has not started: there is nothing to report yet.</source>
        <translation>The show has not started: there is nothing to report yet.</translation>
    </message>
    <message>
        <source>The as-run report could not be written: {reason}</source>
        <translation>The as-run report could not be written: {reason}</translation>
    </message>
    <message>
        <source>As-run report written: {path}</source>
        <translation>As-run report written: {path}</translation>
    </message>
    <message>
        <source>As-run report</source>
        <translation>As-run report</translation>
    </message>
    <message>
        <source>The as-run report is written:
{html}
{csv}

Open it in the browser?</source>
        <translation>The as-run report is written:
{html}
{csv}

Open it in the browser?</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Resume the show?</source>
        <translation>Resume the show?</translation>
    </message>
    <message>
        <source>The journal holds a show that is under way:
{where}
{elapsed} of {allotted} used.

Resume it where it stopped?</source>
        <translation>The journal holds a show that is under way:
{where}
{elapsed} of {allotted} used.

Resume it where it stopped?</translation>
    </message>
    <message>
        <source>Resume the show</source>
        <translation>Resume the show</translation>
    </message>
    <message>
        <source>Start a new show</source>
        <translation>Start a new show</translation>
    </message>
    <message>
        <source>items added: {ids}</source>
        <translation>items added: {ids}</translation>
    </message>
    <message>
        <source>items removed: {ids}</source>
        <translation>items removed: {ids}</translation>
    </message>
    <message>
        <source>speakers added: {ids}</source>
        <translation>speakers added: {ids}</translation>
    </message>
    <message>
        <source>speakers removed: {ids}</source>
        <translation>speakers removed: {ids}</translation>
    </message>
    <message>
        <source>named in the journal, not in the agenda: {ids}</source>
        <translation>named in the journal, not in the agenda: {ids}</translation>
    </message>
    <message>
        <source>times, titles or speakers&apos; details</source>
        <translation>times, titles or speakers&apos; details</translation>
    </message>
    <message>
        <source>The agenda changed since the journal began:</source>
        <translation>The agenda changed since the journal began:</translation>
    </message>
    <message>
        <source>This journal is of another event</source>
        <translation>This journal is of another event</translation>
    </message>
    <message>
        <source>The journal {path} belongs to the event &apos;{event}&apos;, not to &apos;{expected}&apos;. It cannot be resumed.

Move it aside (it is kept) and start a new show?</source>
        <translation>The journal {path} belongs to the event &apos;{event}&apos;, not to &apos;{expected}&apos;. It cannot be resumed.

Move it aside (it is kept) and start a new show?</translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation>Close the console</translation>
    </message>
    <message>
        <source>Start a new show?</source>
        <translation>Start a new show?</translation>
    </message>
    <message>
        <source>The journal holds a show that has ended. Start a new show? The old journal is kept beside the new one.</source>
        <translation>The journal holds a show that has ended. Start a new show? The old journal is kept beside the new one.</translation>
    </message>
    <message>
        <source>Open the ended show</source>
        <translation>Open the ended show</translation>
    </message>
</context>
<context>
    <name>EarlyWindow</name>
    <message>
        <source>Studio Console — resuming the show</source>
        <translation>Studio Console — resuming the show</translation>
    </message>
    <message>
        <source>DRY RUN — simulated OBS, nothing goes on air</source>
        <translation>DRY RUN — simulated OBS, nothing goes on air</translation>
    </message>
    <message>
        <source>REHEARSAL — real OBS, the stream cannot start</source>
        <translation>REHEARSAL — real OBS, the stream cannot start</translation>
    </message>
    <message>
        <source>LIVE — the console is reconnecting to OBS</source>
        <translation>LIVE — the console is reconnecting to OBS</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Open discussion</source>
        <translation>Open discussion</translation>
    </message>
    <message>
        <source>Held.</source>
        <translation>Held.</translation>
    </message>
    <message>
        <source>Resuming the show from its journal: the console opens in a moment and asks before anything goes to OBS.</source>
        <translation>Resuming the show from its journal: the console opens in a moment and asks before anything goes to OBS.</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>The running order changed while this was open: nothing was changed. Open it again.</source>
        <translation>The running order changed while this was open: nothing was changed. Open it again.</translation>
    </message>
</context>
<context>
    <name>InsertDialog</name>
    <message>
        <source>Add a speaker</source>
        <translation>Add a speaker</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>Time (min:sec):</source>
        <translation>Time (min:sec):</translation>
    </message>
    <message>
        <source>Speaks from:</source>
        <translation>Speaks from:</translation>
    </message>
    <message>
        <source>Goes:</source>
        <translation>Goes:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>The item grows by their time; what follows moves later, a fixed start stays.</source>
        <translation>The item grows by their time; what follows moves later, a fixed start stays.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>as the item</source>
        <translation>as the item</translation>
    </message>
    <message>
        <source>the studio</source>
        <translation>the studio</translation>
    </message>
    <message>
        <source>remote</source>
        <translation>remote</translation>
    </message>
    <message>
        <source>First</source>
        <translation>First</translation>
    </message>
    <message>
        <source>After: {what}</source>
        <translation>After: {what}</translation>
    </message>
    <message>
        <source>Write the time as minutes:seconds, like 4:30.</source>
        <translation>Write the time as minutes:seconds, like 4:30.</translation>
    </message>
    <message>
        <source>{who} added with {time}.</source>
        <translation>{who} added with {time}.</translation>
    </message>
</context>
<context>
    <name>JournalAlarm</name>
    <message>
        <source>line {line}: torn last line (power lost while writing?), dropped</source>
        <translation>line {line}: torn last line (power lost while writing?), dropped</translation>
    </message>
    <message>
        <source>line {line}: unreadable, skipped</source>
        <translation>line {line}: unreadable, skipped</translation>
    </message>
    <message>
        <source>line {line}: from another journal, skipped</source>
        <translation>line {line}: from another journal, skipped</translation>
    </message>
    <message>
        <source>line {line}: header of another journal ({detail}), it and its lines skipped</source>
        <translation>line {line}: header of another journal ({detail}), it and its lines skipped</translation>
    </message>
    <message>
        <source>line {line}: out of order ({detail}), skipped</source>
        <translation>line {line}: out of order ({detail}), skipped</translation>
    </message>
    <message>
        <source>the agenda file changed since the journal began</source>
        <translation>the agenda file changed since the journal began</translation>
    </message>
    <message>
        <source>JOURNAL CANNOT BE WRITTEN ({error}): crash-restore is OFF. The show goes on; {n} entries wait in memory and are written as soon as the disk takes them.</source>
        <translation>JOURNAL CANNOT BE WRITTEN ({error}): crash-restore is OFF. The show goes on; {n} entries wait in memory and are written as soon as the disk takes them.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>The journal was resumed with warnings:</source>
        <translation>The journal was resumed with warnings:</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>LiveEdits</name>
    <message>
        <source>Change time…</source>
        <translation>Change time…</translation>
    </message>
    <message>
        <source>Fix name or role…</source>
        <translation>Fix name or role…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The show has not started: press Start (F5).</source>
        <translation>The show has not started: press Start (F5).</translation>
    </message>
    <message>
        <source>Select an item in the agenda first.</source>
        <translation>Select an item in the agenda first.</translation>
    </message>
    <message>
        <source>Go to this item</source>
        <translation>Go to this item</translation>
    </message>
    <message>
        <source>Skip this item</source>
        <translation>Skip this item</translation>
    </message>
    <message>
        <source>On the speaker monitor: {text}</source>
        <translation>On the speaker monitor: {text}</translation>
    </message>
    <message>
        <source>Switch the language?</source>
        <translation>Switch the language?</translation>
    </message>
    <message>
        <source>The show is running. Switch the console and the speaker monitor to {language} now? Every label changes at once.</source>
        <translation>The show is running. Switch the console and the speaker monitor to {language} now? Every label changes at once.</translation>
    </message>
    <message>
        <source>Switch to {language}</source>
        <translation>Switch to {language}</translation>
    </message>
    <message>
        <source>Keep the language</source>
        <translation>Keep the language</translation>
    </message>
    <message>
        <source>The show has ended. The as-run report: Show → As-run report (Ctrl+R).</source>
        <translation>The show has ended. The as-run report: Show → As-run report (Ctrl+R).</translation>
    </message>
    <message>
        <source>Resume (H)</source>
        <translation>Resume (H)</translation>
    </message>
    <message>
        <source>Hold (H)</source>
        <translation>Hold (H)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <source>ON HOLD — the speaker&apos;s time is stopped</source>
        <translation>ON HOLD — the speaker&apos;s time is stopped</translation>
    </message>
    <message>
        <source>until the planned start</source>
        <translation>until the planned start</translation>
    </message>
    <message>
        <source>late for the planned start</source>
        <translation>late for the planned start</translation>
    </message>
    <message>
        <source>speaker {i} of {n}</source>
        <translation>speaker {i} of {n}</translation>
    </message>
    <message>
        <source>Not started yet — press Start (F5)</source>
        <translation>Not started yet — press Start (F5)</translation>
    </message>
    <message>
        <source>Planned start {time}</source>
        <translation>Planned start {time}</translation>
    </message>
    <message>
        <source>The show has ended</source>
        <translation>The show has ended</translation>
    </message>
    <message>
        <source>Ended at {time}</source>
        <translation>Ended at {time}</translation>
    </message>
    <message>
        <source>+{t} behind</source>
        <translation>+{t} behind</translation>
    </message>
    <message>
        <source>{t} ahead</source>
        <translation>{t} ahead</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>{end} (plan {planned})</source>
        <translation>{end} (plan {planned})</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Break</translation>
    </message>
    <message>
        <source>Open discussion</source>
        <translation>Open discussion</translation>
    </message>
    <message>
        <source>Next: the end of the show</source>
        <translation>Next: the end of the show</translation>
    </message>
    <message>
        <source>open discussion</source>
        <translation>open discussion</translation>
    </message>
    <message>
        <source>Next: {who}</source>
        <translation>Next: {who}</translation>
    </message>
    <message>
        <source>Next: {title} — {who}</source>
        <translation>Next: {title} — {who}</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>Next: {title}</translation>
    </message>
    <message>
        <source>Studio Console — {title}</source>
        <translation>Studio Console — {title}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start (F5)</source>
        <translation>Start (F5)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Next ▶ (Space)</source>
        <translation>Next ▶ (Space)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Back</translation>
    </message>
    <message>
        <source>+1 minute</source>
        <translation>+1 minute</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 min</translation>
    </message>
    <message>
        <source>−1 minute</source>
        <translation>−1 minute</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1 min</translation>
    </message>
    <message>
        <source>Skip the current item</source>
        <translation>Skip the current item</translation>
    </message>
    <message>
        <source>Skip item</source>
        <translation>Skip item</translation>
    </message>
    <message>
        <source>Go to the selected item</source>
        <translation>Go to the selected item</translation>
    </message>
    <message>
        <source>Go to selected</source>
        <translation>Go to selected</translation>
    </message>
    <message>
        <source>Start the show at the first item (F5)</source>
        <translation>Start the show at the first item (F5)</translation>
    </message>
    <message>
        <source>Next speaker or item (Space, →, Page Down)</source>
        <translation>Next speaker or item (Space, →, Page Down)</translation>
    </message>
    <message>
        <source>Back to the previous speaker or item (←, Page Up)</source>
        <translation>Back to the previous speaker or item (←, Page Up)</translation>
    </message>
    <message>
        <source>Stop or restart the speaker&apos;s clock (H)</source>
        <translation>Stop or restart the speaker&apos;s clock (H)</translation>
    </message>
    <message>
        <source>Give the speaker one more minute (+)</source>
        <translation>Give the speaker one more minute (+)</translation>
    </message>
    <message>
        <source>Take one minute from the speaker (−)</source>
        <translation>Take one minute from the speaker (−)</translation>
    </message>
    <message>
        <source>Skip the rest of the current item (Ctrl+Shift+S)</source>
        <translation>Skip the rest of the current item (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Jump to the item selected in the agenda (Ctrl+G)</source>
        <translation>Jump to the item selected in the agenda (Ctrl+G)</translation>
    </message>
    <message>
        <source>Write a message to the speaker</source>
        <translation>Write a message to the speaker</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>As-run report…</source>
        <translation>As-run report…</translation>
    </message>
    <message>
        <source>Accept the plan to end on time</source>
        <translation>Accept the plan to end on time</translation>
    </message>
    <message>
        <source>As-run report (Ctrl+R)</source>
        <translation>As-run report (Ctrl+R)</translation>
    </message>
    <message>
        <source>Write the as-run report of this show (HTML and CSV) beside its journal</source>
        <translation>Write the as-run report of this show (HTML and CSV) beside its journal</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Message:</translation>
    </message>
    <message>
        <source>Text for the speaker monitor; Enter shows it (Ctrl+L to type here)</source>
        <translation>Text for the speaker monitor; Enter shows it (Ctrl+L to type here)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Item time left</source>
        <translation>Item time left</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>Projected end</source>
        <translation>Projected end</translation>
    </message>
    <message>
        <source>Kyiv time</source>
        <translation>Kyiv time</translation>
    </message>
    <message>
        <source>Event time ({zone})</source>
        <translation>Event time ({zone})</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Speaker monitor</source>
        <translation>Speaker monitor</translation>
    </message>
    <message>
        <source>Speaker monitor full screen</source>
        <translation>Speaker monitor full screen</translation>
    </message>
    <message>
        <source>Speaker monitor screen</source>
        <translation>Speaker monitor screen</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Technician</translation>
    </message>
    <message>
        <source>Close the console?</source>
        <translation>Close the console?</translation>
    </message>
    <message>
        <source>The show is running. If you close the console, the show stays in the journal and continues from the same item when you open it again.</source>
        <translation>The show is running. If you close the console, the show stays in the journal and continues from the same item when you open it again.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Keep running</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>starting</source>
        <translation>starting</translation>
    </message>
    <message>
        <source>started</source>
        <translation>started</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>stopping</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnecting</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>OBS is not reachable at {where}: connection refused (is OBS running with its WebSocket server on?).</source>
        <translation>OBS is not reachable at {where}: connection refused (is OBS running with its WebSocket server on?).</translation>
    </message>
    <message>
        <source>OBS at {where} did not answer in time (is it frozen?).</source>
        <translation>OBS at {where} did not answer in time (is it frozen?).</translation>
    </message>
    <message>
        <source>OBS at {where} asks for a password and none is set (OBS_WEBSOCKET_PASSWORD).</source>
        <translation>OBS at {where} asks for a password and none is set (OBS_WEBSOCKET_PASSWORD).</translation>
    </message>
    <message>
        <source>OBS at {where} refused the connection: wrong WebSocket password?</source>
        <translation>OBS at {where} refused the connection: wrong WebSocket password?</translation>
    </message>
    <message>
        <source>OBS at {where} closed the connection: wrong WebSocket password?</source>
        <translation>OBS at {where} closed the connection: wrong WebSocket password?</translation>
    </message>
    <message>
        <source>The server at {where} does not speak obs-websocket 5 (OBS 28 or newer needed).</source>
        <translation>The server at {where} does not speak obs-websocket 5 (OBS 28 or newer needed).</translation>
    </message>
    <message>
        <source>OBS is not reachable at {where}: {why}.</source>
        <translation>OBS is not reachable at {where}: {why}.</translation>
    </message>
    <message>
        <source>Could not connect to OBS at {where}: {error}.</source>
        <translation>Could not connect to OBS at {where}: {error}.</translation>
    </message>
    <message>
        <source>OBS WebSocket {version} is too old: version 5 or newer is needed (OBS 28 or newer).</source>
        <translation>OBS WebSocket {version} is too old: version 5 or newer is needed (OBS 28 or newer).</translation>
    </message>
    <message>
        <source>Not connected to OBS at {where}.</source>
        <translation>Not connected to OBS at {where}.</translation>
    </message>
    <message>
        <source>OBS at {where}: did not answer in time.</source>
        <translation>OBS at {where}: did not answer in time.</translation>
    </message>
    <message>
        <source>OBS at {where}: connection lost.</source>
        <translation>OBS at {where}: connection lost.</translation>
    </message>
    <message>
        <source>Simulated OBS is down.</source>
        <translation>Simulated OBS is down.</translation>
    </message>
    <message>
        <source>Not connected to simulated OBS.</source>
        <translation>Not connected to simulated OBS.</translation>
    </message>
    <message>
        <source>OBS does not know the request {request}.</source>
        <translation>OBS does not know the request {request}.</translation>
    </message>
    <message>
        <source>OBS has no scene named «{name}» ({request}).</source>
        <translation>OBS has no scene named «{name}» ({request}).</translation>
    </message>
    <message>
        <source>OBS has no input named «{name}» ({request}).</source>
        <translation>OBS has no input named «{name}» ({request}).</translation>
    </message>
    <message>
        <source>OBS has no resource named «{name}» ({request}).</source>
        <translation>OBS has no resource named «{name}» ({request}).</translation>
    </message>
    <message>
        <source>OBS already has «{name}».</source>
        <translation>OBS already has «{name}».</translation>
    </message>
    <message>
        <source>That output is already running.</source>
        <translation>That output is already running.</translation>
    </message>
    <message>
        <source>That output is not running.</source>
        <translation>That output is not running.</translation>
    </message>
    <message>
        <source>Studio mode is off in OBS.</source>
        <translation>Studio mode is off in OBS.</translation>
    </message>
    <message>
        <source>OBS refused {request} (code {code}).</source>
        <translation>OBS refused {request} (code {code}).</translation>
    </message>
    <message>
        <source>OBS refused {request} (code {code}: {comment}).</source>
        <translation>OBS refused {request} (code {code}: {comment}).</translation>
    </message>
    <message>
        <source>OBS connection closed</source>
        <translation>OBS connection closed</translation>
    </message>
    <message>
        <source>OBS connection lost</source>
        <translation>OBS connection lost</translation>
    </message>
    <message>
        <source>OBS did not answer in time</source>
        <translation>OBS did not answer in time</translation>
    </message>
    <message>
        <source>OBS is shutting down</source>
        <translation>OBS is shutting down</translation>
    </message>
    <message>
        <source>OBS {why}</source>
        <translation>OBS {why}</translation>
    </message>
    <message>
        <source>Dry-run talks only to simulated OBS; nothing leaves this machine.</source>
        <translation>Dry-run talks only to simulated OBS; nothing leaves this machine.</translation>
    </message>
    <message>
        <source>Rehearsal mode: the stream cannot be started. Nothing was sent to OBS.</source>
        <translation>Rehearsal mode: the stream cannot be started. Nothing was sent to OBS.</translation>
    </message>
    <message>
        <source>Batched requests are not allowed through the guard.</source>
        <translation>Batched requests are not allowed through the guard.</translation>
    </message>
    <message>
        <source>The on-air guard does not let {request} through: it is not on the list of requests known to be safe. Nothing was sent to OBS.</source>
        <translation>The on-air guard does not let {request} through: it is not on the list of requests known to be safe. Nothing was sent to OBS.</translation>
    </message>
    <message>
        <source>Connected to OBS {obs} (obs-websocket {websocket})</source>
        <translation>Connected to OBS {obs} (obs-websocket {websocket})</translation>
    </message>
    <message>
        <source>OBS is back after {seconds:.1f} s</source>
        <translation>OBS is back after {seconds:.1f} s</translation>
    </message>
    <message>
        <source>Lost OBS: {why}</source>
        <translation>Lost OBS: {why}</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>connection lost</translation>
    </message>
    <message>
        <source>OBS stopped answering (heartbeat timed out)</source>
        <translation>OBS stopped answering (heartbeat timed out)</translation>
    </message>
    <message>
        <source>Stream: {state}</source>
        <translation>Stream: {state}</translation>
    </message>
    <message>
        <source>Record: {state}</source>
        <translation>Record: {state}</translation>
    </message>
    <message>
        <source>Scene switched by hand in OBS: {scene}</source>
        <translation>Scene switched by hand in OBS: {scene}</translation>
    </message>
    <message>
        <source>Scene switch to {scene} NOT confirmed by OBS within {ms} ms</source>
        <translation>Scene switch to {scene} NOT confirmed by OBS within {ms} ms</translation>
    </message>
    <message>
        <source>The show has already started.</source>
        <translation>The show has already started.</translation>
    </message>
    <message>
        <source>Every item is skipped.</source>
        <translation>Every item is skipped.</translation>
    </message>
    <message>
        <source>The show is not running.</source>
        <translation>The show is not running.</translation>
    </message>
    <message>
        <source>Already at the first item.</source>
        <translation>Already at the first item.</translation>
    </message>
    <message>
        <source>There is no item «{item}» in the agenda.</source>
        <translation>There is no item «{item}» in the agenda.</translation>
    </message>
    <message>
        <source>Already on hold.</source>
        <translation>Already on hold.</translation>
    </message>
    <message>
        <source>Not on hold.</source>
        <translation>Not on hold.</translation>
    </message>
    <message>
        <source>The speaker&apos;s time cannot go below zero.</source>
        <translation>The speaker&apos;s time cannot go below zero.</translation>
    </message>
    <message>
        <source>That item has already run; it cannot be skipped.</source>
        <translation>That item has already run; it cannot be skipped.</translation>
    </message>
    <message>
        <source>Unknown action «{name}».</source>
        <translation>Unknown action «{name}».</translation>
    </message>
    <message>
        <source>Not a number of seconds.</source>
        <translation>Not a number of seconds.</translation>
    </message>
    <message>
        <source>The show has ended: there is nothing to re-plan.</source>
        <translation>The show has ended: there is nothing to re-plan.</translation>
    </message>
    <message>
        <source>Not a plan to end on time: {reason}</source>
        <translation>Not a plan to end on time: {reason}</translation>
    </message>
    <message>
        <source>The show has ended: its times can no longer change.</source>
        <translation>The show has ended: its times can no longer change.</translation>
    </message>
    <message>
        <source>Item «{item}» has no speaker «{speaker}».</source>
        <translation>Item «{item}» has no speaker «{speaker}».</translation>
    </message>
    <message>
        <source>Item «{item}» has no time outside its speakers&apos;.</source>
        <translation>Item «{item}» has no time outside its speakers&apos;.</translation>
    </message>
    <message>
        <source>That part of the show is over: its time cannot change.</source>
        <translation>That part of the show is over: its time cannot change.</translation>
    </message>
    <message>
        <source>The speaker has already used {used}: the time cannot be less than that.</source>
        <translation>The speaker has already used {used}: the time cannot be less than that.</translation>
    </message>
    <message>
        <source>Nothing to change: it is so already.</source>
        <translation>Nothing to change: it is so already.</translation>
    </message>
    <message>
        <source>A name or role must be 1 to {max} characters long.</source>
        <translation>A name or role must be 1 to {max} characters long.</translation>
    </message>
    <message>
        <source>The show has ended: its running order can no longer change.</source>
        <translation>The show has ended: its running order can no longer change.</translation>
    </message>
    <message>
        <source>That is on air now: it stays where it is.</source>
        <translation>That is on air now: it stays where it is.</translation>
    </message>
    <message>
        <source>That has already been on air: it stays where it ran.</source>
        <translation>That has already been on air: it stays where it ran.</translation>
    </message>
    <message>
        <source>Only what comes after the item on air can move: choose a later place.</source>
        <translation>Only what comes after the item on air can move: choose a later place.</translation>
    </message>
    <message>
        <source>Item «{item}» starts at a fixed time: it cannot move.</source>
        <translation>Item «{item}» starts at a fixed time: it cannot move.</translation>
    </message>
    <message>
        <source>Item «{item}» is not a discussion: speakers are added to discussions only.</source>
        <translation>Item «{item}» is not a discussion: speakers are added to discussions only.</translation>
    </message>
    <message>
        <source>Item «{item}» already has a speaker «{speaker}».</source>
        <translation>Item «{item}» already has a speaker «{speaker}».</translation>
    </message>
    <message>
        <source>Not a speaker id: letters, digits, «-», «_» and «.» only.</source>
        <translation>Not a speaker id: letters, digits, «-», «_» and «.» only.</translation>
    </message>
    <message>
        <source>Where from: the studio or remote.</source>
        <translation>Where from: the studio or remote.</translation>
    </message>
    <message>
        <source>Item «{item}» has no other speaker: its last one stays.</source>
        <translation>Item «{item}» has no other speaker: its last one stays.</translation>
    </message>
    <message>
        <source>That would run {over} into «{item}», which starts at {at} fixed: shorten times first (Change time, or a plan to end on time).</source>
        <translation>That would run {over} into «{item}», which starts at {at} fixed: shorten times first (Change time, or a plan to end on time).</translation>
    </message>
</context>
<context>
    <name>ModeBanner</name>
    <message>
        <source>DRY RUN — simulated OBS, nothing goes on air</source>
        <translation>DRY RUN — simulated OBS, nothing goes on air</translation>
    </message>
    <message>
        <source>clock ×{speed:g}</source>
        <translation>clock ×{speed:g}</translation>
    </message>
    <message>
        <source>simulated stream running</source>
        <translation>simulated stream running</translation>
    </message>
    <message>
        <source>● ON AIR</source>
        <translation>● ON AIR</translation>
    </message>
    <message>
        <source>REHEARSAL — but the stream is ON AIR (started in OBS)</source>
        <translation>REHEARSAL — but the stream is ON AIR (started in OBS)</translation>
    </message>
    <message>
        <source>REHEARSAL — real OBS, the stream cannot start</source>
        <translation>REHEARSAL — real OBS, the stream cannot start</translation>
    </message>
    <message>
        <source>LIVE — off air</source>
        <translation>LIVE — off air</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>First</source>
        <translation>First</translation>
    </message>
    <message>
        <source>After: {what}</source>
        <translation>After: {what}</translation>
    </message>
    <message>
        <source>Move in the running order</source>
        <translation>Move in the running order</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>What:</translation>
    </message>
    <message>
        <source>Goes:</source>
        <translation>Goes:</translation>
    </message>
    <message>
        <source>Only what has not been on air moves, and only to a place after the one on air. Planned times follow; a fixed start stays.</source>
        <translation>Only what has not been on air moves, and only to a place after the one on air. Planned times follow; a fixed start stays.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>The whole item</source>
        <translation>The whole item</translation>
    </message>
    <message>
        <source>Moved: {what}, {where}.</source>
        <translation>Moved: {what}, {where}.</translation>
    </message>
</context>
<context>
    <name>OrderEdits</name>
    <message>
        <source>Move…</source>
        <translation>Move…</translation>
    </message>
    <message>
        <source>Add a speaker…</source>
        <translation>Add a speaker…</translation>
    </message>
    <message>
        <source>Remove a speaker…</source>
        <translation>Remove a speaker…</translation>
    </message>
</context>
<context>
    <name>PlanBar</name>
    <message>
        <source>Running {late} late: the show would end at {end}.</source>
        <translation>Running {late} late: the show would end at {end}.</translation>
    </message>
    <message numerus="yes">
        <source>%n speaker(s) shortened, by up to {most}</source>
        <translation>
            <numerusform>%n speaker shortened, by up to {most}</numerusform>
            <numerusform>%n speakers shortened, by up to {most}</numerusform>
        </translation>
    </message>
    <message>
        <source>breaks and open floors {cut} shorter</source>
        <translation>breaks and open floors {cut} shorter</translation>
    </message>
    <message>
        <source>drop: {items}</source>
        <translation>drop: {items}</translation>
    </message>
    <message>
        <source>Proposed: {changes}; the show ends at {end}.</source>
        <translation>Proposed: {changes}; the show ends at {end}.</translation>
    </message>
    <message>
        <source>No plan within the floors reaches the end: with {changes}, still {miss} late.</source>
        <translation>No plan within the floors reaches the end: with {changes}, still {miss} late.</translation>
    </message>
    <message>
        <source>nothing left to cut</source>
        <translation>nothing left to cut</translation>
    </message>
    <message>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <source>{name}: dropped</source>
        <translation>{name}: dropped</translation>
    </message>
    <message>
        <source>Accept (F9)</source>
        <translation>Accept (F9)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Plan to end on time</source>
        <translation>Plan to end on time</translation>
    </message>
</context>
<context>
    <name>RelabelDialog</name>
    <message>
        <source>Fix name or role</source>
        <translation>Fix name or role</translation>
    </message>
    <message>
        <source>Speaker:</source>
        <translation>Speaker:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>As the lower third shows it. Its language: {language}. If this speaker is on air, the fix goes to OBS at once.</source>
        <translation>As the lower third shows it. Its language: {language}. If this speaker is on air, the fix goes to OBS at once.</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Fix</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Lower third fixed: {label}.</source>
        <translation>Lower third fixed: {label}.</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>Remove a speaker</source>
        <translation>Remove a speaker</translation>
    </message>
    <message>
        <source>Who did not come:</source>
        <translation>Who did not come:</translation>
    </message>
    <message>
        <source>The item is shorter by their time; what follows moves earlier.</source>
        <translation>The item is shorter by their time; what follows moves earlier.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Removed from the running order: {who}.</source>
        <translation>Removed from the running order: {who}.</translation>
    </message>
</context>
<context>
    <name>RetimeDialog</name>
    <message>
        <source>After the speakers (open floor)</source>
        <translation>After the speakers (open floor)</translation>
    </message>
    <message>
        <source>The whole item</source>
        <translation>The whole item</translation>
    </message>
    <message>
        <source>As published: {planned}. Used so far: {used}. The new time is in all, what was used included.</source>
        <translation>As published: {planned}. Used so far: {used}. The new time is in all, what was used included.</translation>
    </message>
    <message>
        <source>Change time</source>
        <translation>Change time</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Who:</translation>
    </message>
    <message>
        <source>Time in all (min:sec):</source>
        <translation>Time in all (min:sec):</translation>
    </message>
    <message>
        <source>m:ss</source>
        <translation>m:ss</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Write the time as minutes:seconds, like 4:30.</source>
        <translation>Write the time as minutes:seconds, like 4:30.</translation>
    </message>
    <message>
        <source>{who} now has {time} in all.</source>
        <translation>{who} now has {time} in all.</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>Starting the browser views and the control API…</source>
        <translation>Starting the browser views and the control API…</translation>
    </message>
    <message>
        <source>Browser views and the control API are off for this console.</source>
        <translation>Browser views and the control API are off for this console.</translation>
    </message>
    <message>
        <source>Serving at {url} · {views} view(s), {api} API client(s)</source>
        <translation>Serving at {url} · {views} view(s), {api} API client(s)</translation>
    </message>
    <message>
        <source>OSC control at {address}</source>
        <translation>OSC control at {address}</translation>
    </message>
    <message>
        <source>The show server is NOT running ({error}): no browser views, no control API. The show goes on.</source>
        <translation>The show server is NOT running ({error}): no browser views, no control API. The show goes on.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <source>OSC control is NOT listening: {error}</source>
        <translation>OSC control is NOT listening: {error}</translation>
    </message>
    <message>
        <source>Browser views and control API</source>
        <translation>Browser views and control API</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Copy address</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR code</translation>
    </message>
    <message>
        <source>Which view the address and the QR code open (read-only view token)</source>
        <translation>Which view the address and the QR code open (read-only view token)</translation>
    </message>
</context>
<context>
    <name>SpeakerMonitor</name>
    <message>
        <source>ON HOLD</source>
        <translation>ON HOLD</translation>
    </message>
    <message>
        <source>until the start</source>
        <translation>until the start</translation>
    </message>
    <message>
        <source>Speaker monitor — Studio Console</source>
        <translation>Speaker monitor — Studio Console</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>Full screen</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Leave full screen</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Screen</translation>
    </message>
</context>
<context>
    <name>TechPanel</name>
    <message>
        <source>Scene handed back to the cues</source>
        <translation>Scene handed back to the cues</translation>
    </message>
    <message>
        <source>Scene «{scene}» on air (confirmed in {ms} ms)</source>
        <translation>Scene «{scene}» on air (confirmed in {ms} ms)</translation>
    </message>
    <message>
        <source>Scene «{scene}» overtaken by a later switch</source>
        <translation>Scene «{scene}» overtaken by a later switch</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline — reconnecting…</source>
        <translation>Offline — reconnecting…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>OBS {obs} · obs-websocket {ws}</source>
        <translation>OBS {obs} · obs-websocket {ws}</translation>
    </message>
    <message>
        <source>OBS version not known yet</source>
        <translation>OBS version not known yet</translation>
    </message>
    <message>
        <source>Address: {where}</source>
        <translation>Address: {where}</translation>
    </message>
    <message>
        <source>{scene} (last known)</source>
        <translation>{scene} (last known)</translation>
    </message>
    <message>
        <source>No scenes: OBS is not connected.</source>
        <translation>No scenes: OBS is not connected.</translation>
    </message>
    <message>
        <source>— (studio mode off)</source>
        <translation>— (studio mode off)</translation>
    </message>
    <message>
        <source>Manual: «{scene}» — until the next cue</source>
        <translation>Manual: «{scene}» — until the next cue</translation>
    </message>
    <message>
        <source>⚠ OBS did not confirm the switch to «{scene}»: check OBS now</source>
        <translation>⚠ OBS did not confirm the switch to «{scene}»: check OBS now</translation>
    </message>
    <message>
        <source>Put «{scene}» on air by hand, until the next cue</source>
        <translation>Put «{scene}» on air by hand, until the next cue</translation>
    </message>
    <message>
        <source>Stream: starting…</source>
        <translation>Stream: starting…</translation>
    </message>
    <message>
        <source>Stream: stopping…</source>
        <translation>Stream: stopping…</translation>
    </message>
    <message>
        <source>Stream: RECONNECTING {d}</source>
        <translation>Stream: RECONNECTING {d}</translation>
    </message>
    <message>
        <source>Stream: ON AIR {d}</source>
        <translation>Stream: ON AIR {d}</translation>
    </message>
    <message>
        <source>Stream: off</source>
        <translation>Stream: off</translation>
    </message>
    <message>
        <source>Recording: starting…</source>
        <translation>Recording: starting…</translation>
    </message>
    <message>
        <source>Recording: stopping…</source>
        <translation>Recording: stopping…</translation>
    </message>
    <message>
        <source>Recording: paused {d}</source>
        <translation>Recording: paused {d}</translation>
    </message>
    <message>
        <source>Recording: ● REC {d}</source>
        <translation>Recording: ● REC {d}</translation>
    </message>
    <message>
        <source>Recording: off</source>
        <translation>Recording: off</translation>
    </message>
    <message>
        <source>{state} (last known)</source>
        <translation>{state} (last known)</translation>
    </message>
    <message>
        <source>Stop stream</source>
        <translation>Stop stream</translation>
    </message>
    <message>
        <source>Start stream</source>
        <translation>Start stream</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Stop recording</translation>
    </message>
    <message>
        <source>Start recording</source>
        <translation>Start recording</translation>
    </message>
    <message>
        <source>Rehearsal: the stream cannot be started.</source>
        <translation>Rehearsal: the stream cannot be started.</translation>
    </message>
    <message>
        <source>{kbps:.0f} kbit/s</source>
        <translation>{kbps:.0f} kbit/s</translation>
    </message>
    <message>
        <source>Manual switch to «{scene}»</source>
        <translation>Manual switch to «{scene}»</translation>
    </message>
    <message>
        <source>Start the stream?</source>
        <translation>Start the stream?</translation>
    </message>
    <message>
        <source>The programme goes on air for everyone watching.</source>
        <translation>The programme goes on air for everyone watching.</translation>
    </message>
    <message>
        <source>Stop the stream?</source>
        <translation>Stop the stream?</translation>
    </message>
    <message>
        <source>Viewers lose the picture at once. Stop only when the show is over.</source>
        <translation>Viewers lose the picture at once. Stop only when the show is over.</translation>
    </message>
    <message>
        <source>Start recording?</source>
        <translation>Start recording?</translation>
    </message>
    <message>
        <source>OBS starts writing the programme to disk.</source>
        <translation>OBS starts writing the programme to disk.</translation>
    </message>
    <message>
        <source>Stop recording?</source>
        <translation>Stop recording?</translation>
    </message>
    <message>
        <source>OBS closes the recording file.</source>
        <translation>OBS closes the recording file.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>OBS is not connected: nothing to check.</source>
        <translation>OBS is not connected: nothing to check.</translation>
    </message>
    <message>
        <source>Missing scene «{name}» ({logical}): the agenda uses it</source>
        <translation>Missing scene «{name}» ({logical}): the agenda uses it</translation>
    </message>
    <message>
        <source>Missing scene «{name}» ({logical}), not used by this agenda</source>
        <translation>Missing scene «{name}» ({logical}), not used by this agenda</translation>
    </message>
    <message>
        <source>All {n} scenes are in OBS.</source>
        <translation>All {n} scenes are in OBS.</translation>
    </message>
    <message>
        <source>Missing text input «{name}» ({logical}): titles or timers will not show</source>
        <translation>Missing text input «{name}» ({logical}): titles or timers will not show</translation>
    </message>
    <message>
        <source>All {n} text inputs are in OBS.</source>
        <translation>All {n} text inputs are in OBS.</translation>
    </message>
    <message>
        <source>Stream: already running</source>
        <translation>Stream: already running</translation>
    </message>
    <message>
        <source>Stream: idle</source>
        <translation>Stream: idle</translation>
    </message>
    <message>
        <source>Recording: already running</source>
        <translation>Recording: already running</translation>
    </message>
    <message>
        <source>Recording: idle</source>
        <translation>Recording: idle</translation>
    </message>
    <message>
        <source>Preflight: the show cannot run as planned.</source>
        <translation>Preflight: the show cannot run as planned.</translation>
    </message>
    <message>
        <source>Preflight passed.</source>
        <translation>Preflight passed.</translation>
    </message>
    <message>
        <source>Preflight: the show can run, with warnings.</source>
        <translation>Preflight: the show can run, with warnings.</translation>
    </message>
    <message>
        <source>OBS connection</source>
        <translation>OBS connection</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Reconnect</translation>
    </message>
    <message>
        <source>Try to reach OBS now, without waiting</source>
        <translation>Try to reach OBS now, without waiting</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>Scenes</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Program:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Preview:</translation>
    </message>
    <message>
        <source>Back to cue</source>
        <translation>Back to cue</translation>
    </message>
    <message>
        <source>Let the agenda choose the scene again now</source>
        <translation>Let the agenda choose the scene again now</translation>
    </message>
    <message>
        <source>Stream and recording</source>
        <translation>Stream and recording</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Health</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>Frame rate:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>CPU:</translation>
    </message>
    <message>
        <source>Skipped (render):</source>
        <translation>Skipped (render):</translation>
    </message>
    <message>
        <source>Skipped (encoder):</source>
        <translation>Skipped (encoder):</translation>
    </message>
    <message>
        <source>Congestion:</source>
        <translation>Congestion:</translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation>Bitrate:</translation>
    </message>
    <message>
        <source>On air for:</source>
        <translation>On air for:</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Preflight</translation>
    </message>
    <message>
        <source>Run preflight</source>
        <translation>Run preflight</translation>
    </message>
    <message>
        <source>Check that OBS has every scene and text input, and that outputs are idle</source>
        <translation>Check that OBS has every scene and text input, and that outputs are idle</translation>
    </message>
    <message>
        <source>Link log</source>
        <translation>Link log</translation>
    </message>
</context>
</TS>
