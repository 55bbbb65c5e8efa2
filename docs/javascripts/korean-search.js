// Korean search: cut the reader's query the way the build cut the index
// (hooks/korean_search.py), so "퍼셉트론을" searches for 퍼셉트론, "은닉층에서"
// for 은닉층 and "다층퍼셉트론" for 다층 + 퍼셉트론; a word the index cannot have
// ("퍼셉트롬") searches for the stem one typo away (퍼셉트론).
//
// Material 9 removed its query-transform hook, and its search worker exists
// before extra_javascript runs. Every query still reaches the worker through
// Worker.prototype.postMessage as { type: 2, data: query } (the QUERY message
// of Material 9's search), so the query is rewritten there. Stems and
// suffixes come from search/korean-search.json, written at build time.
(function () {
  "use strict";

  const QUERY = 2;          // SearchMessageType.QUERY in Material 9
  const MAX_RUN = 64;       // a longer Korean run is no word: leave it be
  const MAX_TAIL = 8;       // longest particle + ending chain we strip
  const MIN_TYPO = 3;       // shorter words are not corrected (too many near)
  const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af]+/g;
  const LETTER_BEFORE = /[\p{L}\p{N}]$/u;

  // Build-time data -> lookup tables
  function compile(data) {
    const longest = words => words.reduce((n, w) => Math.max(n, w.length), 0);
    return {
      stems: new Set(data.stems),
      suffixes: new Set(data.suffixes),
      maxStem: longest(data.stems),
      maxSuffix: longest(data.suffixes),
      minPart: data.min_part || 2
    };
  }

  // Is text one or more particles / endings ("에서", "에서는", "들을")?
  function isSuffixChain(text, lex) {
    if (!text || text.length > MAX_TAIL) return false;
    const ok = [true];
    for (let end = 1; end <= text.length; end++) {
      ok[end] = false;
      for (let start = Math.max(0, end - lex.maxSuffix); start < end; start++)
        if (ok[start] && lex.suffixes.has(text.slice(start, end))) {
          ok[end] = true;
          break;
        }
    }
    return ok[text.length];
  }

  // Fewest stems (each minPart long or more, at least two) that make word,
  // or null. Same rule as split_compound() in hooks/korean_search_text.py.
  function splitCompound(word, lex) {
    const n = word.length;
    if (n < 2 * lex.minPart) return null;
    const best = [[]];
    for (let end = lex.minPart; end <= n; end++)
      for (let start = Math.max(0, end - lex.maxStem);
        start <= end - lex.minPart; start++) {
        const part = word.slice(start, end);
        if (best[start] && part !== word && lex.stems.has(part) &&
          (!best[end] || best[start].length + 1 < best[end].length))
          best[end] = [...best[start], part];
      }
    return best[n] && best[n].length > 1 ? best[n] : null;
  }

  // Are a and b one typo apart: one syllable replaced, added, dropped, or
  // two neighbours swapped ("퍼셉트롬" / "퍼셉트론")?
  function oneTypoApart(a, b) {
    if (Math.abs(a.length - b.length) > 1 || a === b) return false;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
    if (a.length < b.length) return a.slice(i) === b.slice(i + 1);
    return a.slice(i + 1) === b.slice(i + 1) ||
      (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  }

  // The stem a mistyped word was meant to be, or null. Only for a word of
  // MIN_TYPO syllables or more that no stem starts with (the index then has
  // nothing for it: lunr matches prefixes); of the stems one typo away, one
  // of its own length first (a replaced or swapped syllable), then the first
  // in the lexicon's order, so the same query always gives the same stem.
  function nearStem(word, lex) {
    if (word.length < MIN_TYPO || word.length > lex.maxStem + 1) return null;
    let best = null;
    for (const stem of lex.stems) {
      if (stem.startsWith(word)) return null;     // half typed: as typed
      if (stem.length >= MIN_TYPO && oneTypoApart(word, stem) &&
        (!best || (stem.length === word.length && best.length !== word.length)))
        best = stem;
    }
    return best;
  }

  // One run of Hangul -> the stems to search for ([] drops it)
  function normaliseRun(run, afterLetter, lex) {
    if (afterLetter && isSuffixChain(run, lex)) return [];  // "TLU를" -> TLU
    if (run.length > MAX_RUN || lex.stems.has(run)) return [run];
    const tails = [];
    for (let i = run.length - 1; i >= Math.max(1, run.length - MAX_TAIL); i--)
      if (isSuffixChain(run.slice(i), lex)) tails.push(i);
    for (const i of tails)                        // "은닉층에서" -> 은닉층
      if (lex.stems.has(run.slice(0, i))) return [run.slice(0, i)];
    const whole = splitCompound(run, lex);       // "다층퍼셉트론"
    if (whole) return whole;
    for (const i of tails) {                      // "다층퍼셉트론을"
      const parts = splitCompound(run.slice(0, i), lex);
      if (parts) return parts;
    }
    const near = nearStem(run, lex);              // "퍼셉트롬" -> 퍼셉트론
    if (near) return [near];
    for (const i of tails) {                      // "퍼셉트롬을" -> 퍼셉트론
      const stem = nearStem(run.slice(0, i), lex);
      if (stem) return [stem];
    }
    return [run];                                 // as typed: prefix search
  }

  // One word of the query, keeping lunr's +/- and ~/^ modifiers
  function normaliseWord(word, lex) {
    const [, pre, core, post] = /^([+-]?)([\s\S]*?)((?:[~^]\d*)?)$/.exec(word);
    let out = "";
    let last = 0;
    for (const match of core.matchAll(HANGUL)) {
      const before = core.slice(0, match.index);
      const stems = normaliseRun(match[0], LETTER_BEFORE.test(before), lex);
      out += core.slice(last, match.index) + stems.join(" ");
      last = match.index + match[0].length;
    }
    if (last === 0) return word;                  // no Korean in this word
    out += core.slice(last);
    const words = out.split(" ").filter(Boolean);
    if (!words.length) return word;
    return words.map(w => pre + w + post).join(" ");
  }

  // The query as Material's search should see it
  function normaliseQuery(query, lex) {
    if (!lex || typeof query !== "string") return query;
    return query
      .split(/(\s+)/)
      .map(part => /^\s*$/.test(part) ? part : normaliseWord(part, lex))
      .join("");
  }

  // Results come with U+200B inside words; take it out of the shown text
  function cleanResults(separator) {
    const results = document.querySelector(".md-search-result");
    if (!results) return;
    const clean = root => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode())
        if (node.data.includes(separator))
          node.data = node.data.split(separator).join("");
    };
    new MutationObserver(records => {
      for (const record of records)
        for (const node of record.addedNodes)
          if (node.nodeType === Node.ELEMENT_NODE) clean(node);
    }).observe(results, { childList: true, subtree: true });
  }

  function install(script) {
    const url = new URL("../search/korean-search.json", script.src);
    // after the reader opens the search, with Material's index
    // (overrides/partials/search-on-demand.html); at once where no page
    // template holds it back
    const lexicon = Promise.resolve(window.exSearchWanted)
      .then(() => fetch(url))
      .then(response => response.ok ? response.json() : null)
      .then(data => data && compile(data))
      .catch(() => null);                         // search works as before
    const post = Worker.prototype.postMessage;
    Worker.prototype.postMessage = function (message, ...rest) {
      if (!message || message.type !== QUERY || typeof message.data !== "string")
        return post.call(this, message, ...rest);
      lexicon.then(lex => {
        let data = message.data;
        try {
          data = normaliseQuery(data, lex);
        } catch (err) {
          data = message.data;                    // never break the search
        }
        post.call(this, { ...message, data }, ...rest);
      });
    };
    cleanResults("\u200b");
  }

  window.koreanSearch = { compile, normaliseQuery };
  const script = document.currentScript;
  if (script && script.src && typeof Worker !== "undefined") install(script);
})();
