/* Client-side search over the release's indicators, departments, cities and ids, with MiniSearch.
   Chinese has no spaces between words, so Chinese text is indexed as single characters and pairs of
   characters; a query matches when all of its pairs do. Works offline: the data is a script file. */
(function () {
  "use strict";
  var CJK_RUN = /[\u3400-\u9fff\uf900-\ufaff]+|[^\u3400-\u9fff\uf900-\ufaff]+/g;
  var CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
  var LIMIT = 50;

  function tokenize(text, field) {
    var tokens = [];
    var lower = String(text || "").toLowerCase();
    if (field === "code" && lower) { tokens.push(lower); }
    lower.split(/[^\p{L}\p{N}]+/u).forEach(function (word) {
      (word.match(CJK_RUN) || []).forEach(function (run) {
        if (!CJK.test(run)) { tokens.push(run); return; }
        for (var i = 0; i < run.length; i += 1) {
          tokens.push(run.charAt(i));
          if (i + 1 < run.length) { tokens.push(run.substr(i, 2)); }
        }
      });
    });
    return tokens;
  }

  var docs = window.GOVMETRICS_SEARCH || [];
  var index = new window.MiniSearch({
    fields: ["title", "en", "code", "labels", "department", "cities"],
    storeFields: ["title", "type", "code", "department", "url"],
    tokenize: tokenize,
    searchOptions: {
      boost: { title: 3, code: 2, labels: 1.5 },
      prefix: function (term) { return !CJK.test(term); },
      fuzzy: function (term) { return !CJK.test(term) && term.length > 4 ? 0.2 : false; }
    }
  });
  index.addAll(docs);

  function search(query) {
    var q = query.trim();
    if (!q) { return []; }
    var hits = index.search(q, { combineWith: "AND" });
    if (!hits.length) { hits = index.search(q, { combineWith: "OR" }); }
    var lower = q.toLowerCase();
    function rank(h) {  // an exact name first, then a name that contains the query, then the score
      var title = String(h.title).toLowerCase();
      if (title === lower || String(h.code).toLowerCase() === lower) { return 0; }
      return title.indexOf(lower) !== -1 ? 1 : 2;
    }
    return hits.map(function (h, i) { return { h: h, r: rank(h), i: i }; })
      .sort(function (a, b) { return a.r - b.r || a.i - b.i; })
      .map(function (x) { return x.h; });
  }

  var input = document.getElementById("search-q");
  var list = document.getElementById("search-results");
  var status = document.getElementById("search-status");

  function show(query) {
    var hits = search(query);
    while (list.firstChild) { list.removeChild(list.firstChild); }
    hits.slice(0, LIMIT).forEach(function (h) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = h.url;
      a.textContent = h.title;
      li.appendChild(a);
      var meta = document.createElement("span");
      meta.className = "meta";
      meta.textContent = [h.type, h.department, h.code].filter(Boolean).join(" · ");
      li.appendChild(meta);
      list.appendChild(li);
    });
    if (!query.trim()) { status.textContent = "共可搜索 " + docs.length + " 项。"; }
    else if (!hits.length) { status.textContent = "没有找到“" + query.trim() + "”。"; }
    else { status.textContent = "找到 " + hits.length + " 项" + (hits.length > LIMIT ? "，显示前 " + LIMIT + " 项" : "") + "。"; }
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  input.addEventListener("input", function () { show(input.value); });
  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    show(input.value);
    var first = list.querySelector("a");
    if (first) { first.focus(); }
  });
  show(input.value);
}());
