// A stand-in for WPS 表格's object model (the ET API, as VBA's Excel object model) and the
// add-in API (window.wps), holding one workbook described by the test in window.__ET_BOOK:
// its sheets' cell values as Value2 gives them (numbers, text, booleans; dates as serial
// numbers), number formats, solid fills (as BGR numbers, as Interior.Color gives them) and
// names (Name, RefersTo), and the workbook file's bytes (base64). Only what WPS documents
// is modelled; everything the add-in writes is recorded for the test (window.__et.dump()).
"use strict";
(function () {
  var desc = window.__ET_BOOK;
  var log = { values: [], fills: [], saves: 0, panes: [] };
  var XL_NONE = -4142;

  function parseCell(a1) {
    var m = /^\$?([A-Z]+)\$?([0-9]+)$/.exec(a1);
    if (!m) throw new Error("mock ET: not a cell address: " + a1);
    var col = 0;
    for (var i = 0; i < m[1].length; i++) col = col * 26 + (m[1].charCodeAt(i) - 64);
    return [Number(m[2]), col];
  }

  function Sheet(d, index) {
    this.d = d;
    this.Name = d.name;
    this.Index = index;
    this.UsedRange = {
      Row: 1,
      Column: 1,
      Rows: { Count: d.rows },
      Columns: { Count: d.cols },
    };
    var self = this;
    this.Cells = {
      Item: function (r, c) {
        return new Range(self, r, c, r, c);
      },
    };
  }
  Sheet.prototype.Range = function (address) {
    var parts = String(address).split(":");
    if (parts.length > 2 || address.indexOf(",") >= 0) throw new Error("mock ET: " + address);
    var a = parseCell(parts[0]);
    var b = parseCell(parts[1] || parts[0]);
    return new Range(this, a[0], a[1], b[0], b[1]);
  };

  function key(r, c) {
    return r + "," + c;
  }

  function Range(sheet, r1, c1, r2, c2) {
    this.sheet = sheet;
    this.r1 = r1;
    this.c1 = c1;
    this.r2 = r2;
    this.c2 = c2;
  }
  Range.prototype.single = function () {
    return this.r1 === this.r2 && this.c1 === this.c2;
  };
  Range.prototype.each = function (fn) {
    for (var r = this.r1; r <= this.r2; r++)
      for (var c = this.c1; c <= this.c2; c++) fn(r, c, r - this.r1, c - this.c1);
  };
  Object.defineProperty(Range.prototype, "Value2", {
    get: function () {
      var cells = this.sheet.d.cells;
      if (this.single()) return cells[key(this.r1, this.c1)];
      var rows = [];
      for (var r = this.r1; r <= this.r2; r++) {
        var line = [];
        for (var c = this.c1; c <= this.c2; c++) line.push(cells[key(r, c)]);
        rows.push(line);
      }
      return rows;
    },
    set: function (value) {
      var cells = this.sheet.d.cells;
      var name = this.sheet.Name;
      this.each(function (r, c, i, j) {
        var v = Array.isArray(value) ? value[i][j] : value;
        if (v === null || v === undefined || v === "") delete cells[key(r, c)];
        else if (typeof v === "string" && v[0] === "'") cells[key(r, c)] = v.slice(1); // text prefix
        else if (typeof v === "string" && v[0] === "=") throw new Error("mock ET: formula " + v);
        else cells[key(r, c)] = v;
        log.values.push([name, r, c]);
      });
    },
  });
  Object.defineProperty(Range.prototype, "NumberFormat", {
    get: function () {
      // As Excel: one cell's format; a block's only when all cells share it, else null.
      var formats = this.sheet.d.formats;
      var seen = {};
      this.each(function (r, c) {
        seen[formats[key(r, c)] || "General"] = true;
      });
      var all = Object.keys(seen);
      return all.length === 1 ? all[0] : null;
    },
  });
  Object.defineProperty(Range.prototype, "Interior", {
    get: function () {
      var range = this;
      var fills = this.sheet.d.fills;
      var name = this.sheet.Name;
      return {
        set Color(bgr) {
          range.each(function (r, c) {
            fills[key(r, c)] = bgr;
            log.fills.push([name, r, c]);
          });
        },
        set ColorIndex(index) {
          if (index !== XL_NONE) throw new Error("mock ET: ColorIndex " + index);
          range.each(function (r, c) {
            delete fills[key(r, c)];
            log.fills.push([name, r, c]);
          });
        },
      };
    },
  });

  var sheets = desc.sheets.map(function (d, i) {
    return new Sheet(d, i + 1);
  });
  var names = desc.names.map(function (n) {
    return { Name: n.name, RefersTo: n.refers_to };
  });
  var files = {};
  files[desc.full_name] = atob(desc.file);
  var workbook = {
    Name: desc.name,
    Path: desc.path,
    FullName: desc.full_name,
    Worksheets: {
      Count: sheets.length,
      Item: function (i) {
        if (!sheets[i - 1]) throw new Error("mock ET: no sheet " + i);
        return sheets[i - 1];
      },
    },
    Names: {
      Count: names.length,
      Item: function (i) {
        return names[i - 1];
      },
    },
    Save: function () {
      log.saves += 1;
    },
  };
  window.Application = { ActiveWorkbook: workbook, ActiveSheet: sheets[desc.active] };
  var storage = {};
  var panes = {};
  window.wps = {
    EtApplication: function () {
      return window.Application;
    },
    PluginStorage: {
      getItem: function (k) {
        return storage.hasOwnProperty(k) ? storage[k] : null;
      },
      setItem: function (k, v) {
        storage[k] = String(v);
      },
      removeItem: function (k) {
        delete storage[k];
      },
    },
    CreateTaskPane: function (url) {
      var pane = { ID: "pane" + (log.panes.length + 1), Visible: false, url: url };
      log.panes.push(url);
      panes[pane.ID] = pane;
      return pane;
    },
    GetTaskPane: function (id) {
      return panes[id] || null;
    },
    FileSystem: {
      readAsBinaryString: function (path) {
        if (!files.hasOwnProperty(path)) throw new Error("mock FileSystem: no file " + path);
        return files[path];
      },
      writeAsBinaryString: function (path, text) {
        files[path] = text;
        return true;
      },
      Exists: function (path) {
        return files.hasOwnProperty(path);
      },
    },
  };
  window.__et = {
    dump: function () {
      var written = {};
      Object.keys(files).forEach(function (p) {
        if (p !== desc.full_name) written[p] = btoa(files[p]);
      });
      return {
        sheets: desc.sheets.map(function (d) {
          return { name: d.name, cells: d.cells, fills: d.fills };
        }),
        log: log,
        files: written,
        pressed: storage["xlsrc.press"] || null,
      };
    },
  };
})();
