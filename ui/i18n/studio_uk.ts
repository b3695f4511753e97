<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="uk_UA" sourcelanguage="en">
<context>
    <name>AgendaFile</name>
    <message>
        <source>Open agenda</source>
        <translation>Відкрити програму</translation>
    </message>
    <message>
        <source>Agendas and rundowns (*.yaml *.yml *.xlsx *.ods *.csv)</source>
        <translation>Програми й таблиці (*.yaml *.yml *.xlsx *.ods *.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>Усі файли (*)</translation>
    </message>
    <message>
        <source>The show has started: the agenda cannot be replaced.</source>
        <translation>Захід почався: програму не можна замінити.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>The agenda file {name} changed on disk. Reload it? The show has not started: the console opens again on the changed agenda.</source>
        <translation>Файл програми {name} змінився на диску. Перезавантажити його? Захід ще не почався: консоль відкриється знову зі зміненою програмою.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Перезавантажити</translation>
    </message>
    <message>
        <source>The agenda file {name} changed on disk. It is not reloaded: the show has started, and a running show keeps its agenda. Its running order is edited from the table&apos;s context menu (move, add or remove a speaker, change a time).</source>
        <translation>Файл програми {name} змінився на диску. Його не перезавантажено: захід почався, і під час заходу програма не змінюється. Порядок програми змінюють з контекстного меню таблиці (перемістити, додати чи прибрати спікера, змінити час).</translation>
    </message>
    <message>
        <source>The agenda cannot be replaced or reloaded now: the show has started. A running show keeps its agenda; its running order is edited from the table&apos;s context menu (move, add or remove a speaker, change a time).</source>
        <translation>Зараз програму не можна замінити чи перезавантажити: захід почався. Під час заходу програма не змінюється; порядок програми змінюють з контекстного меню таблиці (перемістити, додати чи прибрати спікера, змінити час).</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… і ще {n}</translation>
    </message>
    <message>
        <source>{name} cannot be opened ({n} problems); the console keeps the current agenda:</source>
        <translation>{name} не вдалося відкрити (проблем: {n}); консоль залишає поточну програму:</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Open agenda…</source>
        <translation>Відкрити програму…</translation>
    </message>
    <message>
        <source>Reload the agenda</source>
        <translation>Перезавантажити програму</translation>
    </message>
</context>
<context>
    <name>AgendaModel</name>
    <message>
        <source>Planned</source>
        <translation>Початок</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Пункт</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>Спікер</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Факт</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Стан</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>очікує</translation>
    </message>
    <message>
        <source>on now</source>
        <translation>зараз</translation>
    </message>
    <message>
        <source>done</source>
        <translation>завершено</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущено</translation>
    </message>
    <message>
        <source>passed over</source>
        <translation>перескочено</translation>
    </message>
    <message>
        <source>open discussion</source>
        <translation>вільна дискусія</translation>
    </message>
    <message>
        <source>{first} (+{more})</source>
        <translation>{first} (+{more})</translation>
    </message>
    <message numerus="yes">
        <source>%n speaker(s):</source>
        <translation>
            <numerusform>%n спікер:</numerusform>
            <numerusform>%n спікери:</numerusform>
            <numerusform>%n спікерів:</numerusform>
        </translation>
    </message>
    <message>
        <source>Started at {time}</source>
        <translation>Почався о {time}</translation>
    </message>
</context>
<context>
    <name>AsRunReport</name>
    <message>
        <source>The show has not started: there is nothing to report yet.</source>
        <translation>Захід ще не почався: звітувати поки немає про що.</translation>
    </message>
    <message>
        <source>The as-run report could not be written: {reason}</source>
        <translation>Не вдалося записати звіт про ефір: {reason}</translation>
    </message>
    <message>
        <source>As-run report written: {path}</source>
        <translation>Звіт про ефір записано: {path}</translation>
    </message>
    <message>
        <source>As-run report</source>
        <translation>Звіт про ефір</translation>
    </message>
    <message>
        <source>The as-run report is written:
{html}
{csv}

Open it in the browser?</source>
        <translation>Звіт про ефір записано:
{html}
{csv}

Відкрити його в браузері?</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Відкрити</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Не зараз</translation>
    </message>
</context>
<context>
    <name>Console</name>
    <message>
        <source>Resume the show?</source>
        <translation>Продовжити захід?</translation>
    </message>
    <message>
        <source>The journal holds a show that is under way:
{where}
{elapsed} of {allotted} used.

Resume it where it stopped?</source>
        <translation>У журналі є незавершений захід:
{where}
використано {elapsed} з {allotted}.

Продовжити з того місця, де він зупинився?</translation>
    </message>
    <message>
        <source>Resume the show</source>
        <translation>Продовжити захід</translation>
    </message>
    <message>
        <source>Start a new show</source>
        <translation>Почати новий захід</translation>
    </message>
    <message>
        <source>items added: {ids}</source>
        <translation>додано пункти: {ids}</translation>
    </message>
    <message>
        <source>items removed: {ids}</source>
        <translation>видалено пункти: {ids}</translation>
    </message>
    <message>
        <source>speakers added: {ids}</source>
        <translation>додано спікерів: {ids}</translation>
    </message>
    <message>
        <source>speakers removed: {ids}</source>
        <translation>видалено спікерів: {ids}</translation>
    </message>
    <message>
        <source>named in the journal, not in the agenda: {ids}</source>
        <translation>є в журналі, але немає в програмі: {ids}</translation>
    </message>
    <message>
        <source>times, titles or speakers&apos; details</source>
        <translation>час, назви або дані спікерів</translation>
    </message>
    <message>
        <source>The agenda changed since the journal began:</source>
        <translation>Програма змінилася відтоді, як почався журнал:</translation>
    </message>
    <message>
        <source>This journal is of another event</source>
        <translation>Цей журнал іншої події</translation>
    </message>
    <message>
        <source>The journal {path} belongs to the event &apos;{event}&apos;, not to &apos;{expected}&apos;. It cannot be resumed.

Move it aside (it is kept) and start a new show?</source>
        <translation>Журнал {path} належить події «{event}», а не «{expected}». Його не можна продовжити.

Відкласти його (він зберігається) і почати нове шоу?</translation>
    </message>
    <message>
        <source>Close the console</source>
        <translation>Закрити консоль</translation>
    </message>
    <message>
        <source>Start a new show?</source>
        <translation>Почати новий захід?</translation>
    </message>
    <message>
        <source>The journal holds a show that has ended. Start a new show? The old journal is kept beside the new one.</source>
        <translation>У журналі — захід, що вже завершився. Почати новий? Старий журнал збережеться поруч із новим.</translation>
    </message>
    <message>
        <source>Open the ended show</source>
        <translation>Відкрити завершений захід</translation>
    </message>
</context>
<context>
    <name>EarlyWindow</name>
    <message>
        <source>Studio Console — resuming the show</source>
        <translation>Studio Console — відновлення заходу</translation>
    </message>
    <message>
        <source>DRY RUN — simulated OBS, nothing goes on air</source>
        <translation>ПРОГІН — імітація OBS, нічого не йде в ефір</translation>
    </message>
    <message>
        <source>REHEARSAL — real OBS, the stream cannot start</source>
        <translation>РЕПЕТИЦІЯ — справжній OBS, трансляцію запустити не можна</translation>
    </message>
    <message>
        <source>LIVE — the console is reconnecting to OBS</source>
        <translation>НАЖИВО — консоль знову з’єднується з OBS</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Перерва</translation>
    </message>
    <message>
        <source>Open discussion</source>
        <translation>Вільна дискусія</translation>
    </message>
    <message>
        <source>Held.</source>
        <translation>Пауза.</translation>
    </message>
    <message>
        <source>Resuming the show from its journal: the console opens in a moment and asks before anything goes to OBS.</source>
        <translation>Захід відновлюється з журналу: консоль відкриється за мить і спитає, перш ніж щось піде в OBS.</translation>
    </message>
</context>
<context>
    <name>EditDialog</name>
    <message>
        <source>The running order changed while this was open: nothing was changed. Open it again.</source>
        <translation>Порядок програми змінився, поки це вікно було відкрите: нічого не змінено. Відкрийте його знову.</translation>
    </message>
</context>
<context>
    <name>InsertDialog</name>
    <message>
        <source>Add a speaker</source>
        <translation>Додати спікера</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Ім&apos;я:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Посада:</translation>
    </message>
    <message>
        <source>Time (min:sec):</source>
        <translation>Час (хв:с):</translation>
    </message>
    <message>
        <source>Speaks from:</source>
        <translation>Звідки виступає:</translation>
    </message>
    <message>
        <source>Goes:</source>
        <translation>Куди:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необов&apos;язково</translation>
    </message>
    <message>
        <source>The item grows by their time; what follows moves later, a fixed start stays.</source>
        <translation>Пункт подовжується на їхній час; усе, що далі, зсувається пізніше, фіксований початок лишається.</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Додати</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>as the item</source>
        <translation>як у пункті</translation>
    </message>
    <message>
        <source>the studio</source>
        <translation>студія</translation>
    </message>
    <message>
        <source>remote</source>
        <translation>віддалено</translation>
    </message>
    <message>
        <source>First</source>
        <translation>Першим</translation>
    </message>
    <message>
        <source>After: {what}</source>
        <translation>Після: {what}</translation>
    </message>
    <message>
        <source>Write the time as minutes:seconds, like 4:30.</source>
        <translation>Запишіть час як хвилини:секунди, наприклад 4:30.</translation>
    </message>
    <message>
        <source>{who} added with {time}.</source>
        <translation>Додано: {who}, час {time}.</translation>
    </message>
</context>
<context>
    <name>JournalAlarm</name>
    <message>
        <source>line {line}: torn last line (power lost while writing?), dropped</source>
        <translation>рядок {line}: обірваний останній рядок (зникло живлення під час запису?), відкинуто</translation>
    </message>
    <message>
        <source>line {line}: unreadable, skipped</source>
        <translation>рядок {line}: не читається, пропущено</translation>
    </message>
    <message>
        <source>line {line}: from another journal, skipped</source>
        <translation>рядок {line}: з іншого журналу, пропущено</translation>
    </message>
    <message>
        <source>line {line}: header of another journal ({detail}), it and its lines skipped</source>
        <translation>рядок {line}: заголовок іншого журналу ({detail}), його й рядки після нього пропущено</translation>
    </message>
    <message>
        <source>line {line}: out of order ({detail}), skipped</source>
        <translation>рядок {line}: не по порядку ({detail}), пропущено</translation>
    </message>
    <message>
        <source>the agenda file changed since the journal began</source>
        <translation>файл програми змінився відтоді, як почався журнал</translation>
    </message>
    <message>
        <source>JOURNAL CANNOT BE WRITTEN ({error}): crash-restore is OFF. The show goes on; {n} entries wait in memory and are written as soon as the disk takes them.</source>
        <translation>ЖУРНАЛ НЕ ЗАПИСУЄТЬСЯ ({error}): відновлення після збою ВИМКНЕНО. Шоу триває; записів у пам&apos;яті: {n}, їх буде записано, щойно диск прийме.</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… і ще {n}</translation>
    </message>
    <message>
        <source>The journal was resumed with warnings:</source>
        <translation>Журнал відновлено з попередженнями:</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Закрити</translation>
    </message>
</context>
<context>
    <name>LiveEdits</name>
    <message>
        <source>Change time…</source>
        <translation>Змінити час…</translation>
    </message>
    <message>
        <source>Fix name or role…</source>
        <translation>Виправити ім&apos;я чи посаду…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>The show has not started: press Start (F5).</source>
        <translation>Захід ще не почався: натисніть «Почати» (F5).</translation>
    </message>
    <message>
        <source>Select an item in the agenda first.</source>
        <translation>Спершу виберіть пункт у програмі.</translation>
    </message>
    <message>
        <source>Go to this item</source>
        <translation>Перейти до цього пункту</translation>
    </message>
    <message>
        <source>Skip this item</source>
        <translation>Пропустити цей пункт</translation>
    </message>
    <message>
        <source>On the speaker monitor: {text}</source>
        <translation>На моніторі спікера: {text}</translation>
    </message>
    <message>
        <source>Switch the language?</source>
        <translation>Змінити мову?</translation>
    </message>
    <message>
        <source>The show is running. Switch the console and the speaker monitor to {language} now? Every label changes at once.</source>
        <translation>Захід триває. Перемкнути консоль і монітор спікера на мову «{language}» зараз? Усі написи зміняться одразу.</translation>
    </message>
    <message>
        <source>Switch to {language}</source>
        <translation>Перемкнути на «{language}»</translation>
    </message>
    <message>
        <source>Keep the language</source>
        <translation>Не змінювати мову</translation>
    </message>
    <message>
        <source>The show has ended. The as-run report: Show → As-run report (Ctrl+R).</source>
        <translation>Захід завершено. Звіт про ефір: Захід → Звіт про ефір (Ctrl+R).</translation>
    </message>
    <message>
        <source>Resume (H)</source>
        <translation>Продовжити (H)</translation>
    </message>
    <message>
        <source>Hold (H)</source>
        <translation>Пауза (H)</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Продовжити</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Пауза</translation>
    </message>
    <message>
        <source>ON HOLD — the speaker&apos;s time is stopped</source>
        <translation>ПАУЗА — час спікера зупинено</translation>
    </message>
    <message>
        <source>until the planned start</source>
        <translation>до початку за планом</translation>
    </message>
    <message>
        <source>late for the planned start</source>
        <translation>запізнюємося з початком</translation>
    </message>
    <message>
        <source>speaker {i} of {n}</source>
        <translation>спікер {i} з {n}</translation>
    </message>
    <message>
        <source>Not started yet — press Start (F5)</source>
        <translation>Ще не почали — натисніть «Почати» (F5)</translation>
    </message>
    <message>
        <source>Planned start {time}</source>
        <translation>Початок за планом о {time}</translation>
    </message>
    <message>
        <source>The show has ended</source>
        <translation>Захід завершено</translation>
    </message>
    <message>
        <source>Ended at {time}</source>
        <translation>Завершився о {time}</translation>
    </message>
    <message>
        <source>+{t} behind</source>
        <translation>+{t} відставання</translation>
    </message>
    <message>
        <source>{t} ahead</source>
        <translation>{t} випередження</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>за графіком</translation>
    </message>
    <message>
        <source>{end} (plan {planned})</source>
        <translation>{end} (план {planned})</translation>
    </message>
    <message>
        <source>Break</source>
        <translation>Перерва</translation>
    </message>
    <message>
        <source>Open discussion</source>
        <translation>Вільна дискусія</translation>
    </message>
    <message>
        <source>Next: the end of the show</source>
        <translation>Далі: завершення заходу</translation>
    </message>
    <message>
        <source>open discussion</source>
        <translation>вільна дискусія</translation>
    </message>
    <message>
        <source>Next: {who}</source>
        <translation>Далі: {who}</translation>
    </message>
    <message>
        <source>Next: {title} — {who}</source>
        <translation>Далі: {title} — {who}</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>Далі: {title}</translation>
    </message>
    <message>
        <source>Studio Console — {title}</source>
        <translation>Студійна консоль — {title}</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Почати</translation>
    </message>
    <message>
        <source>Start (F5)</source>
        <translation>Почати (F5)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Далі</translation>
    </message>
    <message>
        <source>Next ▶ (Space)</source>
        <translation>Далі ▶ (Пробіл)</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Назад</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ Назад</translation>
    </message>
    <message>
        <source>+1 minute</source>
        <translation>+1 хвилина</translation>
    </message>
    <message>
        <source>+1 min</source>
        <translation>+1 хв</translation>
    </message>
    <message>
        <source>−1 minute</source>
        <translation>−1 хвилина</translation>
    </message>
    <message>
        <source>−1 min</source>
        <translation>−1 хв</translation>
    </message>
    <message>
        <source>Skip the current item</source>
        <translation>Пропустити поточний пункт</translation>
    </message>
    <message>
        <source>Skip item</source>
        <translation>Пропустити пункт</translation>
    </message>
    <message>
        <source>Go to the selected item</source>
        <translation>Перейти до вибраного пункту</translation>
    </message>
    <message>
        <source>Go to selected</source>
        <translation>До вибраного</translation>
    </message>
    <message>
        <source>Start the show at the first item (F5)</source>
        <translation>Почати захід з першого пункту (F5)</translation>
    </message>
    <message>
        <source>Next speaker or item (Space, →, Page Down)</source>
        <translation>Наступний спікер або пункт (Пробіл, →, Page Down)</translation>
    </message>
    <message>
        <source>Back to the previous speaker or item (←, Page Up)</source>
        <translation>Назад до попереднього спікера або пункту (←, Page Up)</translation>
    </message>
    <message>
        <source>Stop or restart the speaker&apos;s clock (H)</source>
        <translation>Зупинити або знову запустити час спікера (H)</translation>
    </message>
    <message>
        <source>Give the speaker one more minute (+)</source>
        <translation>Додати спікерові хвилину (+)</translation>
    </message>
    <message>
        <source>Take one minute from the speaker (−)</source>
        <translation>Забрати в спікера хвилину (−)</translation>
    </message>
    <message>
        <source>Skip the rest of the current item (Ctrl+Shift+S)</source>
        <translation>Пропустити решту поточного пункту (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Jump to the item selected in the agenda (Ctrl+G)</source>
        <translation>Перейти до пункту, вибраного в програмі (Ctrl+G)</translation>
    </message>
    <message>
        <source>Write a message to the speaker</source>
        <translation>Написати повідомлення спікерові</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Вийти</translation>
    </message>
    <message>
        <source>As-run report…</source>
        <translation>Звіт про ефір…</translation>
    </message>
    <message>
        <source>Accept the plan to end on time</source>
        <translation>Прийняти план завершити вчасно</translation>
    </message>
    <message>
        <source>As-run report (Ctrl+R)</source>
        <translation>Звіт про ефір (Ctrl+R)</translation>
    </message>
    <message>
        <source>Write the as-run report of this show (HTML and CSV) beside its journal</source>
        <translation>Записати звіт про ефір цього заходу (HTML і CSV) поруч із його журналом</translation>
    </message>
    <message>
        <source>Message:</source>
        <translation>Повідомлення:</translation>
    </message>
    <message>
        <source>Text for the speaker monitor; Enter shows it (Ctrl+L to type here)</source>
        <translation>Текст для монітора спікера; Enter — показати (Ctrl+L — перейти сюди)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Показати</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Очистити</translation>
    </message>
    <message>
        <source>Item time left</source>
        <translation>Залишок пункту</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Графік</translation>
    </message>
    <message>
        <source>Projected end</source>
        <translation>Прогноз завершення</translation>
    </message>
    <message>
        <source>Kyiv time</source>
        <translation>Київський час</translation>
    </message>
    <message>
        <source>Event time ({zone})</source>
        <translation>Час заходу ({zone})</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Захід</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Вигляд</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Мова</translation>
    </message>
    <message>
        <source>Speaker monitor</source>
        <translation>Монітор спікера</translation>
    </message>
    <message>
        <source>Speaker monitor full screen</source>
        <translation>Монітор спікера на весь екран</translation>
    </message>
    <message>
        <source>Speaker monitor screen</source>
        <translation>Екран монітора спікера</translation>
    </message>
    <message>
        <source>Technician</source>
        <translation>Технік</translation>
    </message>
    <message>
        <source>Close the console?</source>
        <translation>Закрити консоль?</translation>
    </message>
    <message>
        <source>The show is running. If you close the console, the show stays in the journal and continues from the same item when you open it again.</source>
        <translation>Захід триває. Якщо закрити консоль, захід залишиться в журналі й продовжиться з того самого пункту, коли ви відкриєте її знову.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>Keep running</source>
        <translation>Не закривати</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>starting</source>
        <translation>запускається</translation>
    </message>
    <message>
        <source>started</source>
        <translation>працює</translation>
    </message>
    <message>
        <source>stopping</source>
        <translation>зупиняється</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>зупинено</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>перепідключається</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>на паузі</translation>
    </message>
    <message>
        <source>OBS is not reachable at {where}: connection refused (is OBS running with its WebSocket server on?).</source>
        <translation>OBS недоступний за адресою {where}: з’єднання відхилено (чи запущено OBS з увімкненим сервером WebSocket?).</translation>
    </message>
    <message>
        <source>OBS at {where} did not answer in time (is it frozen?).</source>
        <translation>OBS за адресою {where} не відповів вчасно (чи не завис він?).</translation>
    </message>
    <message>
        <source>OBS at {where} asks for a password and none is set (OBS_WEBSOCKET_PASSWORD).</source>
        <translation>OBS за адресою {where} просить пароль, а його не задано (OBS_WEBSOCKET_PASSWORD).</translation>
    </message>
    <message>
        <source>OBS at {where} refused the connection: wrong WebSocket password?</source>
        <translation>OBS за адресою {where} відхилив підключення: неправильний пароль WebSocket?</translation>
    </message>
    <message>
        <source>OBS at {where} closed the connection: wrong WebSocket password?</source>
        <translation>OBS за адресою {where} розірвав з’єднання: неправильний пароль WebSocket?</translation>
    </message>
    <message>
        <source>The server at {where} does not speak obs-websocket 5 (OBS 28 or newer needed).</source>
        <translation>Сервер за адресою {where} не підтримує obs-websocket 5 (потрібен OBS 28 або новіший).</translation>
    </message>
    <message>
        <source>OBS is not reachable at {where}: {why}.</source>
        <translation>OBS недоступний за адресою {where}: {why}.</translation>
    </message>
    <message>
        <source>Could not connect to OBS at {where}: {error}.</source>
        <translation>Не вдалося підключитися до OBS за адресою {where}: {error}.</translation>
    </message>
    <message>
        <source>OBS WebSocket {version} is too old: version 5 or newer is needed (OBS 28 or newer).</source>
        <translation>OBS WebSocket {version} застарий: потрібна версія 5 або новіша (OBS 28 або новіший).</translation>
    </message>
    <message>
        <source>Not connected to OBS at {where}.</source>
        <translation>Немає підключення до OBS за адресою {where}.</translation>
    </message>
    <message>
        <source>OBS at {where}: did not answer in time.</source>
        <translation>OBS за адресою {where} не відповів вчасно.</translation>
    </message>
    <message>
        <source>OBS at {where}: connection lost.</source>
        <translation>OBS за адресою {where}: з’єднання втрачено.</translation>
    </message>
    <message>
        <source>Simulated OBS is down.</source>
        <translation>Імітований OBS не працює.</translation>
    </message>
    <message>
        <source>Not connected to simulated OBS.</source>
        <translation>Немає підключення до імітованого OBS.</translation>
    </message>
    <message>
        <source>OBS does not know the request {request}.</source>
        <translation>OBS не знає запиту {request}.</translation>
    </message>
    <message>
        <source>OBS has no scene named «{name}» ({request}).</source>
        <translation>В OBS немає сцени «{name}» ({request}).</translation>
    </message>
    <message>
        <source>OBS has no input named «{name}» ({request}).</source>
        <translation>В OBS немає джерела «{name}» ({request}).</translation>
    </message>
    <message>
        <source>OBS has no resource named «{name}» ({request}).</source>
        <translation>В OBS немає ресурсу «{name}» ({request}).</translation>
    </message>
    <message>
        <source>OBS already has «{name}».</source>
        <translation>В OBS уже є «{name}».</translation>
    </message>
    <message>
        <source>That output is already running.</source>
        <translation>Цей вивід OBS уже запущено.</translation>
    </message>
    <message>
        <source>That output is not running.</source>
        <translation>Цей вивід OBS не запущено.</translation>
    </message>
    <message>
        <source>Studio mode is off in OBS.</source>
        <translation>В OBS вимкнено студійний режим.</translation>
    </message>
    <message>
        <source>OBS refused {request} (code {code}).</source>
        <translation>OBS відхилив запит {request} (код {code}).</translation>
    </message>
    <message>
        <source>OBS refused {request} (code {code}: {comment}).</source>
        <translation>OBS відхилив запит {request} (код {code}: {comment}).</translation>
    </message>
    <message>
        <source>OBS connection closed</source>
        <translation>З’єднання з OBS закрито</translation>
    </message>
    <message>
        <source>OBS connection lost</source>
        <translation>З’єднання з OBS втрачено</translation>
    </message>
    <message>
        <source>OBS did not answer in time</source>
        <translation>OBS не відповів вчасно</translation>
    </message>
    <message>
        <source>OBS is shutting down</source>
        <translation>OBS завершує роботу</translation>
    </message>
    <message>
        <source>OBS {why}</source>
        <translation>OBS: {why}</translation>
    </message>
    <message>
        <source>Dry-run talks only to simulated OBS; nothing leaves this machine.</source>
        <translation>Прогін працює лише з імітованим OBS; нічого не виходить за межі цього комп’ютера.</translation>
    </message>
    <message>
        <source>Rehearsal mode: the stream cannot be started. Nothing was sent to OBS.</source>
        <translation>Режим репетиції: трансляцію запустити не можна. До OBS нічого не надіслано.</translation>
    </message>
    <message>
        <source>Batched requests are not allowed through the guard.</source>
        <translation>Захист ефіру не пропускає пакетні запити.</translation>
    </message>
    <message>
        <source>The on-air guard does not let {request} through: it is not on the list of requests known to be safe. Nothing was sent to OBS.</source>
        <translation>Захист ефіру не пропускає {request}: цього запиту немає в списку відомих безпечних. До OBS нічого не надіслано.</translation>
    </message>
    <message>
        <source>Connected to OBS {obs} (obs-websocket {websocket})</source>
        <translation>Підключено до OBS {obs} (obs-websocket {websocket})</translation>
    </message>
    <message>
        <source>OBS is back after {seconds:.1f} s</source>
        <translation>OBS знову на зв’язку через {seconds:.1f} с</translation>
    </message>
    <message>
        <source>Lost OBS: {why}</source>
        <translation>Зв’язок з OBS втрачено. {why}</translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation>з’єднання втрачено</translation>
    </message>
    <message>
        <source>OBS stopped answering (heartbeat timed out)</source>
        <translation>OBS перестав відповідати (контрольний запит залишився без відповіді)</translation>
    </message>
    <message>
        <source>Stream: {state}</source>
        <translation>Трансляція: {state}</translation>
    </message>
    <message>
        <source>Record: {state}</source>
        <translation>Запис: {state}</translation>
    </message>
    <message>
        <source>Scene switched by hand in OBS: {scene}</source>
        <translation>Сцену перемкнули вручну в OBS: {scene}</translation>
    </message>
    <message>
        <source>Scene switch to {scene} NOT confirmed by OBS within {ms} ms</source>
        <translation>OBS НЕ підтвердив перемикання на сцену {scene} протягом {ms} мс</translation>
    </message>
    <message>
        <source>The show has already started.</source>
        <translation>Захід уже почався.</translation>
    </message>
    <message>
        <source>Every item is skipped.</source>
        <translation>Усі пункти пропущено.</translation>
    </message>
    <message>
        <source>The show is not running.</source>
        <translation>Захід зараз не триває.</translation>
    </message>
    <message>
        <source>Already at the first item.</source>
        <translation>Це вже перший пункт.</translation>
    </message>
    <message>
        <source>There is no item «{item}» in the agenda.</source>
        <translation>У програмі немає пункту «{item}».</translation>
    </message>
    <message>
        <source>Already on hold.</source>
        <translation>Уже на паузі.</translation>
    </message>
    <message>
        <source>Not on hold.</source>
        <translation>Паузи немає.</translation>
    </message>
    <message>
        <source>The speaker&apos;s time cannot go below zero.</source>
        <translation>Час спікера не може бути менше нуля.</translation>
    </message>
    <message>
        <source>That item has already run; it cannot be skipped.</source>
        <translation>Цей пункт уже відбувся; пропустити його не можна.</translation>
    </message>
    <message>
        <source>Unknown action «{name}».</source>
        <translation>Невідома дія «{name}».</translation>
    </message>
    <message>
        <source>Not a number of seconds.</source>
        <translation>Це не число секунд.</translation>
    </message>
    <message>
        <source>The show has ended: there is nothing to re-plan.</source>
        <translation>Захід завершився: переплановувати нічого.</translation>
    </message>
    <message>
        <source>Not a plan to end on time: {reason}</source>
        <translation>Це не план завершити вчасно: {reason}</translation>
    </message>
    <message>
        <source>The show has ended: its times can no longer change.</source>
        <translation>Ефір завершено: його час більше не змінити.</translation>
    </message>
    <message>
        <source>Item «{item}» has no speaker «{speaker}».</source>
        <translation>У пункті «{item}» немає доповідача «{speaker}».</translation>
    </message>
    <message>
        <source>Item «{item}» has no time outside its speakers&apos;.</source>
        <translation>У пункті «{item}» немає часу поза виступами доповідачів.</translation>
    </message>
    <message>
        <source>That part of the show is over: its time cannot change.</source>
        <translation>Ця частина ефіру вже минула: її час не змінити.</translation>
    </message>
    <message>
        <source>The speaker has already used {used}: the time cannot be less than that.</source>
        <translation>Доповідач уже використав {used}: менше часу призначити не можна.</translation>
    </message>
    <message>
        <source>Nothing to change: it is so already.</source>
        <translation>Нічого змінювати: так уже є.</translation>
    </message>
    <message>
        <source>A name or role must be 1 to {max} characters long.</source>
        <translation>Ім&apos;я чи посада мають містити від 1 до {max} символів.</translation>
    </message>
    <message>
        <source>The show has ended: its running order can no longer change.</source>
        <translation>Захід завершився: порядок програми більше не змінити.</translation>
    </message>
    <message>
        <source>That is on air now: it stays where it is.</source>
        <translation>Це зараз в ефірі: воно лишається на своєму місці.</translation>
    </message>
    <message>
        <source>That has already been on air: it stays where it ran.</source>
        <translation>Це вже було в ефірі: воно лишається там, де відбулося.</translation>
    </message>
    <message>
        <source>Only what comes after the item on air can move: choose a later place.</source>
        <translation>Переміщувати можна лише на місце після пункту в ефірі: виберіть пізніше місце.</translation>
    </message>
    <message>
        <source>Item «{item}» starts at a fixed time: it cannot move.</source>
        <translation>Пункт «{item}» починається у фіксований час: його не можна перемістити.</translation>
    </message>
    <message>
        <source>Item «{item}» is not a discussion: speakers are added to discussions only.</source>
        <translation>Пункт «{item}» — не дискусія: спікерів додають лише до дискусій.</translation>
    </message>
    <message>
        <source>Item «{item}» already has a speaker «{speaker}».</source>
        <translation>У пункті «{item}» уже є спікер «{speaker}».</translation>
    </message>
    <message>
        <source>Not a speaker id: letters, digits, «-», «_» and «.» only.</source>
        <translation>Це не ідентифікатор спікера: лише літери, цифри, «-», «_» і «.».</translation>
    </message>
    <message>
        <source>Where from: the studio or remote.</source>
        <translation>Звідки: студія або віддалено.</translation>
    </message>
    <message>
        <source>Item «{item}» has no other speaker: its last one stays.</source>
        <translation>У пункті «{item}» немає інших спікерів: останній лишається.</translation>
    </message>
    <message>
        <source>That would run {over} into «{item}», which starts at {at} fixed: shorten times first (Change time, or a plan to end on time).</source>
        <translation>Тоді програма зайшла б на {over} у «{item}», що починається рівно о {at}: спершу скоротіть час («Змінити час» або план, щоб закінчити вчасно).</translation>
    </message>
</context>
<context>
    <name>ModeBanner</name>
    <message>
        <source>DRY RUN — simulated OBS, nothing goes on air</source>
        <translation>ПРОГІН — імітація OBS, нічого не йде в ефір</translation>
    </message>
    <message>
        <source>clock ×{speed:g}</source>
        <translation>годинник ×{speed:g}</translation>
    </message>
    <message>
        <source>simulated stream running</source>
        <translation>імітована трансляція йде</translation>
    </message>
    <message>
        <source>● ON AIR</source>
        <translation>● В ЕФІРІ</translation>
    </message>
    <message>
        <source>REHEARSAL — but the stream is ON AIR (started in OBS)</source>
        <translation>РЕПЕТИЦІЯ — але трансляція В ЕФІРІ (запущена в OBS)</translation>
    </message>
    <message>
        <source>REHEARSAL — real OBS, the stream cannot start</source>
        <translation>РЕПЕТИЦІЯ — справжній OBS, трансляцію запустити не можна</translation>
    </message>
    <message>
        <source>LIVE — off air</source>
        <translation>НАЖИВО — не в ефірі</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>First</source>
        <translation>Першим</translation>
    </message>
    <message>
        <source>After: {what}</source>
        <translation>Після: {what}</translation>
    </message>
    <message>
        <source>Move in the running order</source>
        <translation>Перемістити в порядку програми</translation>
    </message>
    <message>
        <source>What:</source>
        <translation>Що:</translation>
    </message>
    <message>
        <source>Goes:</source>
        <translation>Куди:</translation>
    </message>
    <message>
        <source>Only what has not been on air moves, and only to a place after the one on air. Planned times follow; a fixed start stays.</source>
        <translation>Переміщується лише те, що ще не було в ефірі, і лише на місце після того, що в ефірі зараз. Час за планом перераховується; фіксований початок лишається.</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Перемістити</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>The whole item</source>
        <translation>Увесь пункт</translation>
    </message>
    <message>
        <source>Moved: {what}, {where}.</source>
        <translation>Переміщено: {what}, {where}.</translation>
    </message>
</context>
<context>
    <name>OrderEdits</name>
    <message>
        <source>Move…</source>
        <translation>Перемістити…</translation>
    </message>
    <message>
        <source>Add a speaker…</source>
        <translation>Додати спікера…</translation>
    </message>
    <message>
        <source>Remove a speaker…</source>
        <translation>Зняти спікера…</translation>
    </message>
</context>
<context>
    <name>PlanBar</name>
    <message>
        <source>Running {late} late: the show would end at {end}.</source>
        <translation>Відставання {late}: захід завершився б о {end}.</translation>
    </message>
    <message numerus="yes">
        <source>%n speaker(s) shortened, by up to {most}</source>
        <translation>
            <numerusform>%n спікера скорочено, до {most}</numerusform>
            <numerusform>%n спікерів скорочено, до {most}</numerusform>
            <numerusform>%n спікерів скорочено, до {most}</numerusform>
        </translation>
    </message>
    <message>
        <source>breaks and open floors {cut} shorter</source>
        <translation>перерви й вільні обговорення коротші на {cut}</translation>
    </message>
    <message>
        <source>drop: {items}</source>
        <translation>прибрати: {items}</translation>
    </message>
    <message>
        <source>Proposed: {changes}; the show ends at {end}.</source>
        <translation>Пропозиція: {changes}; захід завершиться о {end}.</translation>
    </message>
    <message>
        <source>No plan within the floors reaches the end: with {changes}, still {miss} late.</source>
        <translation>Жоден план у межах мінімумів не встигає: навіть так ({changes}) відставання {miss}.</translation>
    </message>
    <message>
        <source>nothing left to cut</source>
        <translation>скорочувати вже нічого</translation>
    </message>
    <message>
        <source>{name}: {old} → {new}</source>
        <translation>{name}: {old} → {new}</translation>
    </message>
    <message>
        <source>{name}: dropped</source>
        <translation>{name}: прибрано</translation>
    </message>
    <message>
        <source>Accept (F9)</source>
        <translation>Прийняти (F9)</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Докладно</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Відхилити</translation>
    </message>
    <message>
        <source>Plan to end on time</source>
        <translation>План завершити вчасно</translation>
    </message>
</context>
<context>
    <name>RelabelDialog</name>
    <message>
        <source>Fix name or role</source>
        <translation>Виправити ім&apos;я чи посаду</translation>
    </message>
    <message>
        <source>Speaker:</source>
        <translation>Доповідач:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Ім&apos;я:</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Посада:</translation>
    </message>
    <message>
        <source>As the lower third shows it. Its language: {language}. If this speaker is on air, the fix goes to OBS at once.</source>
        <translation>Так, як у титрі. Мова титру — {language}. Якщо цей доповідач в ефірі, виправлення одразу піде в OBS.</translation>
    </message>
    <message>
        <source>Fix</source>
        <translation>Виправити</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>Lower third fixed: {label}.</source>
        <translation>Титр виправлено: {label}.</translation>
    </message>
</context>
<context>
    <name>RemoveDialog</name>
    <message>
        <source>Remove a speaker</source>
        <translation>Зняти спікера</translation>
    </message>
    <message>
        <source>Who did not come:</source>
        <translation>Хто не прийшов:</translation>
    </message>
    <message>
        <source>The item is shorter by their time; what follows moves earlier.</source>
        <translation>Пункт коротшає на їхній час; усе, що далі, зсувається раніше.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Зняти</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>Removed from the running order: {who}.</source>
        <translation>Знято з програми: {who}.</translation>
    </message>
</context>
<context>
    <name>RetimeDialog</name>
    <message>
        <source>After the speakers (open floor)</source>
        <translation>Після доповідачів (відкрита дискусія)</translation>
    </message>
    <message>
        <source>The whole item</source>
        <translation>Увесь пункт</translation>
    </message>
    <message>
        <source>As published: {planned}. Used so far: {used}. The new time is in all, what was used included.</source>
        <translation>За опублікованим планом: {planned}. Уже використано: {used}. Новий час — загальний, разом із використаним.</translation>
    </message>
    <message>
        <source>Change time</source>
        <translation>Змінити час</translation>
    </message>
    <message>
        <source>Who:</source>
        <translation>Хто:</translation>
    </message>
    <message>
        <source>Time in all (min:sec):</source>
        <translation>Загальний час (хв:сек):</translation>
    </message>
    <message>
        <source>m:ss</source>
        <translation>хв:сс</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Змінити</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрити</translation>
    </message>
    <message>
        <source>Write the time as minutes:seconds, like 4:30.</source>
        <translation>Запишіть час як хвилини:секунди, наприклад 4:30.</translation>
    </message>
    <message>
        <source>{who} now has {time} in all.</source>
        <translation>{who}: тепер загалом {time}.</translation>
    </message>
</context>
<context>
    <name>ServerBox</name>
    <message>
        <source>Starting the browser views and the control API…</source>
        <translation>Запуск вебпереглядів і API керування…</translation>
    </message>
    <message>
        <source>Browser views and the control API are off for this console.</source>
        <translation>Вебперегляди та API керування для цієї консолі вимкнено.</translation>
    </message>
    <message>
        <source>Serving at {url} · {views} view(s), {api} API client(s)</source>
        <translation>Сервер: {url} · переглядів: {views}, клієнтів API: {api}</translation>
    </message>
    <message>
        <source>OSC control at {address}</source>
        <translation>Керування OSC: {address}</translation>
    </message>
    <message>
        <source>The show server is NOT running ({error}): no browser views, no control API. The show goes on.</source>
        <translation>Сервер шоу НЕ працює ({error}): немає вебпереглядів і API керування. Шоу триває.</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>зупинено</translation>
    </message>
    <message>
        <source>OSC control is NOT listening: {error}</source>
        <translation>Керування OSC НЕ слухає: {error}</translation>
    </message>
    <message>
        <source>Browser views and control API</source>
        <translation>Вебперегляди та API керування</translation>
    </message>
    <message>
        <source>Copy address</source>
        <translation>Копіювати адресу</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QR-код</translation>
    </message>
    <message>
        <source>Which view the address and the QR code open (read-only view token)</source>
        <translation>Який перегляд відкривають адреса й QR-код (токен лише для перегляду)</translation>
    </message>
</context>
<context>
    <name>SpeakerMonitor</name>
    <message>
        <source>ON HOLD</source>
        <translation>ПАУЗА</translation>
    </message>
    <message>
        <source>until the start</source>
        <translation>до початку</translation>
    </message>
    <message>
        <source>Speaker monitor — Studio Console</source>
        <translation>Монітор спікера — Студійна консоль</translation>
    </message>
    <message>
        <source>Full screen</source>
        <translation>На весь екран</translation>
    </message>
    <message>
        <source>Leave full screen</source>
        <translation>Вийти з повноекранного режиму</translation>
    </message>
    <message>
        <source>Screen</source>
        <translation>Екран</translation>
    </message>
</context>
<context>
    <name>TechPanel</name>
    <message>
        <source>Scene handed back to the cues</source>
        <translation>Сцену повернуто під керування програми</translation>
    </message>
    <message>
        <source>Scene «{scene}» on air (confirmed in {ms} ms)</source>
        <translation>Сцена «{scene}» в ефірі (підтверджено за {ms} мс)</translation>
    </message>
    <message>
        <source>Scene «{scene}» overtaken by a later switch</source>
        <translation>Сцену «{scene}» випередило пізніше перемикання</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Немає зв’язку</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Підключення…</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>На зв’язку</translation>
    </message>
    <message>
        <source>Offline — reconnecting…</source>
        <translation>Немає зв’язку — перепідключення…</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Зупинено</translation>
    </message>
    <message>
        <source>OBS {obs} · obs-websocket {ws}</source>
        <translation>OBS {obs} · obs-websocket {ws}</translation>
    </message>
    <message>
        <source>OBS version not known yet</source>
        <translation>Версія OBS ще невідома</translation>
    </message>
    <message>
        <source>Address: {where}</source>
        <translation>Адреса: {where}</translation>
    </message>
    <message>
        <source>{scene} (last known)</source>
        <translation>{scene} (востаннє відомо)</translation>
    </message>
    <message>
        <source>No scenes: OBS is not connected.</source>
        <translation>Сцен немає: OBS не підключено.</translation>
    </message>
    <message>
        <source>— (studio mode off)</source>
        <translation>— (студійний режим вимкнено)</translation>
    </message>
    <message>
        <source>Manual: «{scene}» — until the next cue</source>
        <translation>Вручну: «{scene}» — до наступного кроку програми</translation>
    </message>
    <message>
        <source>⚠ OBS did not confirm the switch to «{scene}»: check OBS now</source>
        <translation>⚠ OBS не підтвердив перемикання на «{scene}»: негайно перевірте OBS</translation>
    </message>
    <message>
        <source>Put «{scene}» on air by hand, until the next cue</source>
        <translation>Вивести «{scene}» в ефір вручну, до наступного кроку програми</translation>
    </message>
    <message>
        <source>Stream: starting…</source>
        <translation>Трансляція: запуск…</translation>
    </message>
    <message>
        <source>Stream: stopping…</source>
        <translation>Трансляція: зупинка…</translation>
    </message>
    <message>
        <source>Stream: RECONNECTING {d}</source>
        <translation>Трансляція: ПЕРЕПІДКЛЮЧЕННЯ {d}</translation>
    </message>
    <message>
        <source>Stream: ON AIR {d}</source>
        <translation>Трансляція: В ЕФІРІ {d}</translation>
    </message>
    <message>
        <source>Stream: off</source>
        <translation>Трансляція: вимкнена</translation>
    </message>
    <message>
        <source>Recording: starting…</source>
        <translation>Запис: запуск…</translation>
    </message>
    <message>
        <source>Recording: stopping…</source>
        <translation>Запис: зупинка…</translation>
    </message>
    <message>
        <source>Recording: paused {d}</source>
        <translation>Запис: пауза {d}</translation>
    </message>
    <message>
        <source>Recording: ● REC {d}</source>
        <translation>Запис: ● REC {d}</translation>
    </message>
    <message>
        <source>Recording: off</source>
        <translation>Запис: вимкнено</translation>
    </message>
    <message>
        <source>{state} (last known)</source>
        <translation>{state} (востаннє відомо)</translation>
    </message>
    <message>
        <source>Stop stream</source>
        <translation>Зупинити трансляцію</translation>
    </message>
    <message>
        <source>Start stream</source>
        <translation>Почати трансляцію</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>Зупинити запис</translation>
    </message>
    <message>
        <source>Start recording</source>
        <translation>Почати запис</translation>
    </message>
    <message>
        <source>Rehearsal: the stream cannot be started.</source>
        <translation>Репетиція: трансляцію запустити не можна.</translation>
    </message>
    <message>
        <source>{kbps:.0f} kbit/s</source>
        <translation>{kbps:.0f} кбіт/с</translation>
    </message>
    <message>
        <source>Manual switch to «{scene}»</source>
        <translation>Ручне перемикання на «{scene}»</translation>
    </message>
    <message>
        <source>Start the stream?</source>
        <translation>Почати трансляцію?</translation>
    </message>
    <message>
        <source>The programme goes on air for everyone watching.</source>
        <translation>Програма піде в ефір для всіх глядачів.</translation>
    </message>
    <message>
        <source>Stop the stream?</source>
        <translation>Зупинити трансляцію?</translation>
    </message>
    <message>
        <source>Viewers lose the picture at once. Stop only when the show is over.</source>
        <translation>Глядачі одразу втратять зображення. Зупиняйте лише після завершення заходу.</translation>
    </message>
    <message>
        <source>Start recording?</source>
        <translation>Почати запис?</translation>
    </message>
    <message>
        <source>OBS starts writing the programme to disk.</source>
        <translation>OBS почне записувати програму на диск.</translation>
    </message>
    <message>
        <source>Stop recording?</source>
        <translation>Зупинити запис?</translation>
    </message>
    <message>
        <source>OBS closes the recording file.</source>
        <translation>OBS закриє файл запису.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Скасувати</translation>
    </message>
    <message>
        <source>OBS is not connected: nothing to check.</source>
        <translation>OBS не підключено: нічого перевіряти.</translation>
    </message>
    <message>
        <source>Missing scene «{name}» ({logical}): the agenda uses it</source>
        <translation>Бракує сцени «{name}» ({logical}): вона потрібна програмі</translation>
    </message>
    <message>
        <source>Missing scene «{name}» ({logical}), not used by this agenda</source>
        <translation>Бракує сцени «{name}» ({logical}); ця програма її не використовує</translation>
    </message>
    <message>
        <source>All {n} scenes are in OBS.</source>
        <translation>Усі сцени ({n}) є в OBS.</translation>
    </message>
    <message>
        <source>Missing text input «{name}» ({logical}): titles or timers will not show</source>
        <translation>Бракує текстового джерела «{name}» ({logical}): титри чи таймери не з’являться</translation>
    </message>
    <message>
        <source>All {n} text inputs are in OBS.</source>
        <translation>Усі текстові джерела ({n}) є в OBS.</translation>
    </message>
    <message>
        <source>Stream: already running</source>
        <translation>Трансляція: уже йде</translation>
    </message>
    <message>
        <source>Stream: idle</source>
        <translation>Трансляція: не йде</translation>
    </message>
    <message>
        <source>Recording: already running</source>
        <translation>Запис: уже йде</translation>
    </message>
    <message>
        <source>Recording: idle</source>
        <translation>Запис: не йде</translation>
    </message>
    <message>
        <source>Preflight: the show cannot run as planned.</source>
        <translation>Передстартова перевірка: захід не може йти за планом.</translation>
    </message>
    <message>
        <source>Preflight passed.</source>
        <translation>Передстартову перевірку пройдено.</translation>
    </message>
    <message>
        <source>Preflight: the show can run, with warnings.</source>
        <translation>Передстартова перевірка: захід може йти, але є попередження.</translation>
    </message>
    <message>
        <source>OBS connection</source>
        <translation>Зв’язок з OBS</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Перепідключити</translation>
    </message>
    <message>
        <source>Try to reach OBS now, without waiting</source>
        <translation>Спробувати підключитися до OBS зараз, не чекаючи</translation>
    </message>
    <message>
        <source>Scenes</source>
        <translation>Сцени</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Ефір:</translation>
    </message>
    <message>
        <source>Preview:</source>
        <translation>Попередній перегляд:</translation>
    </message>
    <message>
        <source>Back to cue</source>
        <translation>Повернути програмі</translation>
    </message>
    <message>
        <source>Let the agenda choose the scene again now</source>
        <translation>Нехай сцену знову обирає програма</translation>
    </message>
    <message>
        <source>Stream and recording</source>
        <translation>Трансляція і запис</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Стан OBS</translation>
    </message>
    <message>
        <source>Frame rate:</source>
        <translation>Частота кадрів:</translation>
    </message>
    <message>
        <source>CPU:</source>
        <translation>Процесор:</translation>
    </message>
    <message>
        <source>Skipped (render):</source>
        <translation>Пропущено (рендер):</translation>
    </message>
    <message>
        <source>Skipped (encoder):</source>
        <translation>Пропущено (кодер):</translation>
    </message>
    <message>
        <source>Congestion:</source>
        <translation>Перевантаження мережі:</translation>
    </message>
    <message>
        <source>Bitrate:</source>
        <translation>Бітрейт:</translation>
    </message>
    <message>
        <source>On air for:</source>
        <translation>В ефірі вже:</translation>
    </message>
    <message>
        <source>Preflight</source>
        <translation>Передстартова перевірка</translation>
    </message>
    <message>
        <source>Run preflight</source>
        <translation>Перевірити</translation>
    </message>
    <message>
        <source>Check that OBS has every scene and text input, and that outputs are idle</source>
        <translation>Перевірити, що в OBS є всі сцени й текстові джерела, а трансляція й запис не йдуть</translation>
    </message>
    <message>
        <source>Link log</source>
        <translation>Журнал зв’язку</translation>
    </message>
</context>
</TS>
