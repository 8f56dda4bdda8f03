// xlsrc in WPS 表格 (a WPS加载项): the four buttons of the workbook, with no Python installed.
//
// WPS opens this add-in's folder in its Chromium engine and loads main.js into a page it
// makes itself; ribbon.xml's buttons call OnAction here, which opens taskpane.html (the same
// main.js again) and hands it the button through wps.PluginStorage. The pane reads the active
// workbook through WPS's object model (Application.ActiveWorkbook, Names, Range.Value2,
// NumberFormat) into ONE JSON book (the one xlwings' clients send), runs the site's Pyodide
// worker on it (../worker.js: the very xlsrc.buttons the Excel buttons run, on
// xw.Book(json=...)), and writes back the actions it answers: values (Range.Value2) and
// fills (Interior.Color) of output cells, nothing else. 定稿导出 saves the workbook through
// WPS, reads the saved file (wps.FileSystem) and writes the 定稿 beside it.
"use strict";

var XLSRC_PRESS = "xlsrc.press"; // PluginStorage: the ribbon button the pane is to run
var XLSRC_PANE = "xlsrc.pane"; // PluginStorage: the task pane's id

function xlsrcApp() {
  return typeof wps !== "undefined" && wps.EtApplication ? wps.EtApplication() : Application;
}

// -- the ribbon (the page WPS makes for the add-in)

function OnAddinLoad(ribbonUI) {
  return true;
}

function OnAction(control) {
  var action = String(control.Id).replace(/^xlsrc\./, "");
  wps.PluginStorage.setItem(XLSRC_PRESS, JSON.stringify({ action: action, at: Date.now() }));
  var id = wps.PluginStorage.getItem(XLSRC_PANE);
  var pane = id ? wps.GetTaskPane(id) : null;
  if (!pane) {
    pane = wps.CreateTaskPane(new URL("taskpane.html", location.href).href, "绩效自评");
    wps.PluginStorage.setItem(XLSRC_PANE, pane.ID);
  }
  pane.Visible = true;
  return true;
}

// -- the book: WPS's object model → the JSON book, and the answer's actions → WPS

var xlsrcBook = (function () {
  var XL_NONE = -4142; // xlColorIndexNone: no fill

  function column(n) {
    var s = "";
    for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    return s;
  }

  function address(row, col, rows, cols) {
    var first = column(col) + row;
    return rows === 1 && cols === 1 ? first : first + ":" + column(col + cols - 1) + (row + rows - 1);
  }

  function grid(value, rows, cols) {
    // Value2 of one cell is the value itself; of a block, rows of values.
    var g = rows === 1 && cols === 1 && !Array.isArray(value) ? [[value]] : value;
    return g.map(function (line) {
      return line.map(function (v) {
        return v === undefined || v === "" ? null : v;
      });
    });
  }

  function isDateFormat(format) {
    // Like Excel's date category: y/m/d/h/s outside quotes, brackets and escapes (not 0.0%).
    var bare = String(format || "").replace(/"[^"]*"|\[[^\]]*\]|\\./g, "");
    return bare !== "General" && /[ymdhs]/i.test(bare) && !/^[#0.,%E+\-\s]*$/.test(bare);
  }

  function isoDate(serial) {
    // As xlwings' Office.js client sends a date: ISO text, from Excel's 1900 serial number.
    return new Date(Math.round((serial - 25569) * 86400 * 1000)).toISOString();
  }

  function splitAreas(text) {
    var parts = [];
    var quoted = false;
    var start = 0;
    for (var i = 0; i < text.length; i++) {
      if (text[i] === "'") quoted = !quoted;
      else if (text[i] === "," && !quoted) {
        parts.push(text.slice(start, i));
        start = i + 1;
      }
    }
    parts.push(text.slice(start));
    return parts;
  }

  function sheetOf(area) {
    var bang = area.lastIndexOf("!");
    if (bang < 0) return null;
    var sheet = area.slice(0, bang);
    if (sheet[0] === "'") sheet = sheet.slice(1, -1).replace(/''/g, "'");
    return { sheet: sheet, address: area.slice(bang + 1).replace(/\$/g, "") };
  }

  function readNames(wb, sheetNames) {
    // The names that refer to cells on one sheet, as xlwings' clients list them.
    var out = [];
    for (var i = 1; i <= wb.Names.Count; i++) {
      var n = wb.Names.Item(i);
      var refersTo = String(n.RefersTo || "");
      if (refersTo[0] !== "=" || refersTo.indexOf("#REF!") >= 0) continue;
      var areas = splitAreas(refersTo.slice(1)).map(sheetOf);
      if (areas.some(function (a) { return !a || !/^[A-Z]+[0-9]+(:[A-Z]+[0-9]+)?$/.test(a.address); })) continue;
      var index = sheetNames.indexOf(areas[0].sheet);
      if (index < 0 || areas.some(function (a) { return a.sheet !== areas[0].sheet; })) continue;
      var name = String(n.Name);
      var scope = name.indexOf("!") >= 0 ? sheetOf(name.replace(/!.*$/, "!A1")).sheet : null;
      out.push({
        name: name,
        sheet_index: index,
        address: areas.map(function (a) { return a.address; }).join(","),
        book_scope: scope === null,
        scope_sheet_name: scope,
        scope_sheet_index: scope === null ? null : sheetNames.indexOf(scope),
        refers_to: refersTo,
      });
    }
    return out;
  }

  function readSheet(ws) {
    var used = ws.UsedRange;
    var rows = used.Row + used.Rows.Count - 1;
    var cols = used.Column + used.Columns.Count - 1;
    var values = grid(ws.Range(address(1, 1, rows, cols)).Value2, rows, cols);
    // A number's format says how it was typed (99.5% is 0.995 in "0.0%"); only numbers
    // are asked for theirs, one cell at a time, as a block's format is one value or none.
    var formats = values.map(function (line, r) {
      return line.map(function (v, c) {
        if (typeof v !== "number") return null;
        var format = String(ws.Cells.Item(r + 1, c + 1).NumberFormat);
        if (isDateFormat(format)) line[c] = isoDate(v);
        return format;
      });
    });
    return { name: String(ws.Name), values: values, number_formats: formats, pictures: [], tables: [] };
  }

  function read(app) {
    var wb = app.ActiveWorkbook;
    if (!wb) throw new Error("请先打开自评工作簿，再点击按钮。");
    var sheets = [];
    var names = [];
    for (var i = 1; i <= wb.Worksheets.Count; i++) {
      var ws = wb.Worksheets.Item(i);
      names.push(String(ws.Name));
      sheets.push(readSheet(ws));
    }
    var active = app.ActiveSheet ? app.ActiveSheet.Index - 1 : 0;
    return {
      client: "WPS",
      book: { name: String(wb.Name), active_sheet_index: active, selection: "A1" },
      names: readNames(wb, names),
      sheets: sheets,
    };
  }

  function target(wb, a) {
    return wb.Worksheets.Item(a.sheet_position + 1).Range(
      address(a.start_row + 1, a.start_column + 1, a.row_count, a.column_count),
    );
  }

  function bgr(hex) {
    // "#RRGGBB" → the BGR number Interior.Color takes.
    var n = parseInt(String(hex).replace("#", ""), 16);
    return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
  }

  var APPLY = {
    setValues: function (wb, a) {
      target(wb, a).Value2 = a.values;
    },
    setRangeColor: function (wb, a) {
      var interior = target(wb, a).Interior;
      if (a.args[0] === null || a.args[0] === undefined) interior.ColorIndex = XL_NONE;
      else interior.Color = bgr(a.args[0]);
    },
    alert: function (wb, a, told) {
      told.push(String(a.args[0]));
    },
  };

  function apply(app, actions) {
    // Every action is checked before any is applied: nothing half-written.
    var unknown = actions.filter(function (a) { return !APPLY.hasOwnProperty(a.func); });
    if (unknown.length) throw new Error("计算程序返回了无法写入的操作：" + unknown[0].func);
    var wb = app.ActiveWorkbook;
    var told = [];
    actions.forEach(function (a) { APPLY[a.func](wb, a, told); });
    return told;
  }

  return { read: read, apply: apply, address: address, isDateFormat: isDateFormat };
})();

// -- the task pane

(function () {
  if (typeof document === "undefined" || !document.getElementById("xlsrc-pane")) return;
  var $ = function (s) { return document.querySelector(s); };
  var buttons = Array.prototype.slice.call(document.querySelectorAll("#actions button"));
  var worker = new Worker("../worker.js", { type: "module" });
  var pending = {};
  var nextId = 1;
  var ready = false;
  var busy = false;
  var answers = 0;

  function ask(message, transfer) {
    var id = nextId++;
    return new Promise(function (resolve) {
      pending[id] = resolve;
      message.id = id;
      worker.postMessage(message, transfer || []);
    });
  }

  worker.onmessage = function (event) {
    var data = event.data;
    if (data.type === "progress") {
      $("#progress").value = data.value;
      $("#progress-text").textContent = data.text;
    } else if (data.type === "ready") {
      ready = true;
      document.body.dataset.ready = "true";
      $("#loading").hidden = true;
      refresh();
    } else if (data.type === "failed") {
      $("#progress-text").textContent = "无法启动计算程序：" + data.text + "。请联系网站管理员。";
      $("#loading").classList.add("failed");
    } else if (data.type === "answer" && pending[data.id]) {
      pending[data.id](data.answer);
      delete pending[data.id];
    }
  };

  function refresh() {
    buttons.forEach(function (b) { b.disabled = !ready || busy; });
    $("#busy").hidden = !busy;
    $("#force").disabled = busy;
  }

  function clear() {
    ["#error", "#result", "#problems", "#force"].forEach(function (s) { $(s).hidden = true; });
  }

  function showError(text) {
    $("#error").textContent = text;
    $("#error").hidden = false;
  }

  function showProblems(problems) {
    var body = $("#problems tbody");
    body.replaceChildren();
    problems.forEach(function (p) {
      var row = document.createElement("tr");
      row.className = p.severity === "错误" ? "error" : "warning";
      [p.number, p.severity, p.sheet + "!" + p.cell, p.message].forEach(function (v) {
        var td = document.createElement("td");
        td.textContent = String(v);
        row.append(td);
      });
      body.append(row);
    });
    $("#problems").hidden = false;
  }

  function show(action, answer, told) {
    clear();
    if (answer.total !== undefined) {
      $("#total").textContent = answer.total === null ? "—" : answer.total;
      $("#grade").textContent = answer.grade === null ? "—" : answer.grade;
      $("#message").textContent = answer.ok ? answer.message || told.join("\n") : "";
      $("#result").hidden = false;
    }
    if (!answer.ok) showError(answer.error);
    if (answer.refused) {
      $("#force").hidden = false;
      $("#result").hidden = false;
    }
    if (answer.problems && (answer.problems.length || action === "check")) showProblems(answer.problems);
  }

  async function runBook(action) {
    var app = xlsrcApp();
    var payload;
    try {
      payload = xlsrcBook.read(app);
    } catch (error) {
      return [{ ok: false, error: "错误：" + error.message }, []];
    }
    var answer = await ask({ op: "book", action: action, payload: payload });
    var told = [];
    try {
      told = xlsrcBook.apply(app, answer.actions || []);
    } catch (error) {
      return [{ ok: false, error: "错误：" + error.message }, []];
    }
    return [answer, told];
  }

  function binaryString(bytes) {
    var parts = [];
    for (var i = 0; i < bytes.length; i += 8192) {
      parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 8192)));
    }
    return parts.join("");
  }

  function fromBinaryString(text) {
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
    return bytes;
  }

  async function finalize(force) {
    // 定稿导出 as the Excel button does it: score and check; while there are errors, only
    // when the clerk insists; save the workbook; write the macro-free 定稿 beside it.
    var done = await runBook("finalize");
    var answer = done[0];
    if (!answer.ok) return [answer, done[1]];
    if (answer.errors && !force) {
      answer.ok = false;
      answer.refused = true;
      answer.error = "检查发现 " + answer.errors + " 个错误，已列在下方。改正后再导出；确需导出请点击“仍然导出”。";
      return [answer, []];
    }
    var wb = xlsrcApp().ActiveWorkbook;
    if (!wb.Path) return [{ ok: false, error: "错误：请先把工作簿保存到电脑上，再定稿导出。" }, []];
    wb.Save();
    var bytes = fromBinaryString(wps.FileSystem.readAsBinaryString(wb.FullName));
    var opened = await ask({ op: "open", name: String(wb.Name), bytes: bytes.buffer }, [bytes.buffer]);
    if (!opened.ok) return [opened, []];
    var written = await ask({ op: "run", action: "finalize", force: true });
    if (!written.ok || !written.download) return [written, []];
    var sep = String(wb.Path).indexOf("\\") >= 0 ? "\\" : "/";
    var path = wb.Path + sep + written.download.name;
    wps.FileSystem.writeAsBinaryString(path, binaryString(new Uint8Array(written.download.bytes)));
    written.message = "已导出不含宏的定稿文件：" + path;
    written.file = path;
    return [written, []];
  }

  async function press(action, force) {
    if (busy || !ready) return;
    busy = true;
    refresh();
    var done;
    try {
      done = action === "finalize" ? await finalize(!!force) : await runBook(action);
    } catch (error) {
      console.error(error);
      done = [{ ok: false, error: "加载项内部出错，操作未完成（" + (error && error.message ? error.message : error) + "）。" }, []];
    }
    busy = false;
    show(action, done[0], done[1]);
    document.body.dataset.last = action;
    document.body.dataset.answers = String(++answers);
    refresh();
  }

  buttons.forEach(function (b) {
    b.addEventListener("click", function () { press(b.dataset.action); });
  });
  $("#force").addEventListener("click", function () { press("finalize", true); });

  // A ribbon button pressed in WPS: run it here once Python is ready.
  setInterval(function () {
    if (!ready || busy || typeof wps === "undefined") return;
    var pressed = wps.PluginStorage.getItem(XLSRC_PRESS);
    if (!pressed) return;
    wps.PluginStorage.removeItem(XLSRC_PRESS);
    press(JSON.parse(pressed).action);
  }, 300);
})();
