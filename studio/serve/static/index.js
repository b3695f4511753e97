// The index keeps the query (the view token, ?lang=) on the links to each view.
"use strict";
for (const a of document.querySelectorAll("a[data-view]")) a.search = location.search;
