// Python source → HTML in the site's code colours: the Pygments classes that
// Material colours in every code block (.highlight .k, .s2, .mi, .c1, …), for
// the Keras code the MLP playground writes (keras.js). A tiny tokenizer, not
// Pygments: it knows comments, strings, numbers, keywords, the builtins that
// code uses, operators and punctuation, which is all that code holds.
// Names stay plain text, as sitebuild/polish/light_code.py leaves them on the site.

const KEYWORDS = new Set(["and", "as", "assert", "break", "class", "continue", "def", "del",
  "elif", "else", "except", "finally", "for", "global", "if", "in", "is", "lambda",
  "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield"]);
const NAMESPACE = new Set(["import", "from"]);
const CONSTANTS = new Set(["None", "True", "False"]);
const WORD_OPERATORS = new Set(["and", "in", "is", "not", "or"]);
const BUILTINS = new Set(["abs", "dict", "enumerate", "float", "int", "len", "list", "max",
  "min", "print", "range", "round", "sum", "tuple", "zip"]);

const TOKEN = new RegExp([
  /(#[^\n]*)/,                                   // 1 comment
  /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/,   // 2 string
  /(\d+\.\d*(?:e[-+]?\d+)?|\.\d+(?:e[-+]?\d+)?|\d+e[-+]?\d+)/,  // 3 float
  /(\d+)/,                                       // 4 integer
  /([A-Za-z_]\w*)/,                              // 5 name
  /(\*\*|\/\/|==|!=|<=|>=|->|[-+*\/%@<>=&|^~])/, // 6 operator
  /([()[\]{},:.;])/,                             // 7 punctuation
].map(r => r.source).join("|"), "g");

const escape = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const span = (cls, text) => `<span class="${cls}">${escape(text)}</span>`;

export function highlightPython(source) {
  let html = "", at = 0;
  for (const m of source.matchAll(TOKEN)) {
    html += escape(source.slice(at, m.index));
    at = m.index + m[0].length;
    const [text, comment, string, float, integer, name, operator, punct] = m;
    if (comment) html += span("c1", text);
    else if (string) html += span(text[0] === '"' ? "s2" : "s1", text);
    else if (float) html += span("mf", text);
    else if (integer) html += span("mi", text);
    else if (name) {
      if (NAMESPACE.has(name)) html += span("kn", text);
      else if (CONSTANTS.has(name)) html += span("kc", text);
      else if (WORD_OPERATORS.has(name)) html += span("ow", text);
      else if (KEYWORDS.has(name)) html += span("k", text);
      else if (BUILTINS.has(name) && !source.slice(at).startsWith("=")) html += span("nb", text);
      else html += escape(text);  // a name: the code's own colour
    } else if (operator) html += span("o", text);
    else if (punct) html += span("p", text);
  }
  return html + escape(source.slice(at));
}
