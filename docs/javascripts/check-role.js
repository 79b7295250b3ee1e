// "Check your role": compares pasted IAM policies with an Archera credential, in the browser only.
// Its one request is for the data file named by #role-check[data-source], made on the first Check.
(() => {
  "use strict";
  const SHOW = 200; // list items shown before a "Show all" button
  const WILD = /[*?]/;
  const SHAPES = [
    'one IAM policy document ({"Version": …, "Statement": …})',
    "several policy documents, one after another or separated by blank lines",
    "a JSON array of policy documents",
    "the output of aws iam get-account-authorization-details",
    'the output of aws iam get-policy-version ({"PolicyVersion": {"Document": …}})',
    'the output of aws iam get-role-policy ({"PolicyDocument": …})',
  ];
  let loading = null;

  // Create an element: attributes from attrs ("on" adds listeners); children are nodes or text, never HTML.
  function el(tag, attrs, ...kids) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "on") Object.entries(v).forEach(([type, fn]) => node.addEventListener(type, fn));
      else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const kid of kids.flat(Infinity)) {
      if (kid !== null && kid !== undefined && kid !== false) node.append(kid instanceof Node ? kid : String(kid));
    }
    return node;
  }

  // "1 action" / "3 actions".
  const count = (n, one, many = one + "s") => `${n} ${n === 1 ? one : many}`;

  // Fetch the data file once, on first use, and index it; after a failure the next Check tries again.
  function loadData(root) {
    loading = loading || fetch(new URL(root.dataset.source, document.baseURI), { credentials: "same-origin" })
      .then((r) => { if (!r.ok) throw new Error(`the data file answered HTTP ${r.status}`); return r.json(); })
      .then(indexData)
      .catch((e) => { loading = null; throw e; });
    return loading;
  }

  // Index the catalog per service: lowercase names sorted (for prefix runs) beside "svc:Name" in AWS's spelling.
  function indexData(data) {
    if (!data || typeof data.actions !== "object" || !Array.isArray(data.credentials)) throw new Error("the data file is not in the expected shape");
    const services = new Map();
    for (const [svc, names] of Object.entries(data.actions)) {
      const full = names.map((n) => svc + ":" + n), lower = names.map((n) => n.toLowerCase());
      const order = lower.map((_, i) => i).sort((a, b) => (lower[a] < lower[b] ? -1 : lower[a] > lower[b] ? 1 : 0));
      services.set(svc.toLowerCase(), {
        key: svc.toLowerCase(), lower: order.map((i) => lower[i]), full: order.map((i) => full[i]),
        byLower: new Map(lower.map((l, i) => [l, full[i]])),
      });
    }
    return { data, services, memo: new Map(), svcMemo: new Map(), notMemo: new Map() };
  }

  // Whether seg ("?" = any one character) matches s at position i.
  function at(s, seg, i) {
    if (i < 0 || i + seg.length > s.length) return false;
    for (let j = 0; j < seg.length; j++) if (seg[j] !== "?" && seg[j] !== s[i + j]) return false;
    return true;
  }

  // Compile a lowercase IAM wildcard (* any run, ? one character) once into a test function. Building a RegExp
  // per pattern cost more than running it when a paste holds thousands of distinct wildcards, hence this matcher.
  function glob(p) {
    const parts = p.split("*"), first = parts[0], last = parts[parts.length - 1], min = p.length - parts.length + 1;
    if (parts.length === 1) return (s) => s.length === p.length && at(s, p, 0);
    if (parts.length === 2 && !last && !first.includes("?")) return (s) => s.startsWith(first);
    return (s) => {
      if (s.length < min || !at(s, first, 0) || !at(s, last, s.length - last.length)) return false;
      const end = s.length - last.length;
      for (let k = 1, i = first.length; k < parts.length - 1; k++) { // placing each middle part leftmost is enough
        while (i + parts[k].length <= end && !at(s, parts[k], i)) i++;
        if (i + parts[k].length > end) return false;
        i += parts[k].length;
      }
      return true;
    };
  }

  // Every catalog action ("svc:Name", AWS's spelling) an Action entry matches, case-insensitively; memoized.
  function expand(cat, pattern) {
    const p = String(pattern).toLowerCase(), colon = p.indexOf(":");
    let hit = cat.memo.get(p);
    if (hit) return hit;
    hit = [];
    const scan = (s, head, test) => { // sorted names: those starting with the literal head form one run
      let lo = 0, hi = s.lower.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (s.lower[mid] < head) lo = mid + 1; else hi = mid; }
      for (let k = lo; k < s.lower.length && s.lower[k].startsWith(head); k++) if (test(s.lower[k])) hit.push(s.full[k]);
    };
    if (!WILD.test(p)) {
      const s = colon > 0 && cat.services.get(p.slice(0, colon)), name = s && s.byLower.get(p.slice(colon + 1));
      if (name) hit.push(name);
    } else if (colon >= 0 && p.indexOf(":", colon + 1) < 0) { // the colon lines up with the action's only colon
      const sp = p.slice(0, colon), ap = p.slice(colon + 1), w = ap.search(WILD), test = glob(ap);
      if (!cat.svcMemo.has(sp)) { const t = glob(sp); cat.svcMemo.set(sp, [...cat.services.values()].filter((s) => t(s.key))); }
      for (const s of cat.svcMemo.get(sp)) scan(s, w < 0 ? ap : ap.slice(0, w), test);
    } else if (colon < 0) { // a wildcard spans the colon, as in "*" or "ce*"
      const test = glob(p);
      for (const s of cat.services.values()) scan(s, "", (l) => test(s.key + ":" + l));
    } // two colons or more: matches nothing
    cat.memo.set(p, hit);
    return hit;
  }

  // What a NotAction list covers: every catalog action except those its entries match; memoized.
  function expandNot(cat, patterns) {
    const key = patterns.map((p) => p.toLowerCase()).sort().join("\n");
    if (!cat.notMemo.has(key)) {
      const skip = new Set(patterns.flatMap((p) => expand(cat, p))), hit = [];
      for (const s of cat.services.values()) for (const a of s.full) if (!skip.has(a)) hit.push(a);
      cat.notMemo.set(key, hit);
    }
    return cat.notMemo.get(key);
  }

  // A list of entries expanded into one Set.
  const expandAll = (cat, entries) => new Set((entries || []).flatMap((e) => expand(cat, e)));

  // Line, column (1-based) and line start of a character offset.
  function lineCol(text, pos) {
    let line = 1, start = 0;
    for (let i = text.indexOf("\n"); i >= 0 && i < pos; i = text.indexOf("\n", i + 1)) { line++; start = i + 1; }
    return { line, col: pos - start + 1, start };
  }

  // Throw a located JSON syntax error.
  const fail = (pos, msg) => { throw { pos, msg }; };
  // Skip JSON whitespace.
  const skipWs = (t, i) => { while (i < t.length && " \t\n\r".includes(t[i])) i++; return i; };

  // End of the JSON string starting at t[i] (a quote), or a located error.
  function scanString(t, i) {
    for (let j = i + 1; j < t.length; j++) {
      if (t[j] === '"') return j + 1;
      if (t[j] < " ") fail(j, 'a line break or control character inside a string (is a closing " missing?)');
      if (t[j] === "\\" && !/^(["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(t.slice(j + 1, j + 6))) fail(j, "an invalid escape sequence in a string");
      if (t[j] === "\\") j++;
    }
    fail(i, "this string is never closed");
  }

  // End of the JSON value starting at t[i], or a located error (run only after JSON.parse has failed).
  function scanValue(t, i) {
    const c = t[i];
    if (c === '"') return scanString(t, i);
    if (c !== "{" && c !== "[") {
      const lit = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
      lit.lastIndex = i;
      if (i < t.length && lit.test(t)) return lit.lastIndex;
      fail(i, i >= t.length ? "the text ends where a value should be" : "expected a value (text in JSON must be in double quotes)");
    }
    const close = c === "{" ? "}" : "]", open = i;
    i = skipWs(t, i + 1);
    if (t[i] === close) return i + 1;
    for (;;) {
      if (c === "{") {
        if (t[i] !== '"') fail(i, "expected a property name in double quotes");
        i = skipWs(t, scanString(t, i));
        if (t[i] !== ":") fail(i, "expected ':' after the property name");
        i = skipWs(t, i + 1);
      }
      i = skipWs(t, scanValue(t, i));
      if (t[i] === close) return i + 1;
      if (t[i] === ",") {
        i = skipWs(t, i + 1);
        if (t[i] === close) fail(i, `a comma before '${close}' (JSON allows no trailing comma)`);
        continue;
      }
      const o = lineCol(t, open);
      fail(i, i < t.length ? `expected ',' or '${close}'` : `the text ends before the '${c}' opened at line ${o.line}, column ${o.col} is closed`);
    }
  }

  // Parse the paste: one JSON value, or several documents one after another; an error carries line, column, excerpt.
  function parseInput(raw) {
    let text = raw.replace(/^\uFEFF/, "");
    if (/^\s*%7B/i.test(text)) try { text = decodeURIComponent(text.trim()); } catch (_) { /* then reported as not JSON */ }
    try { return { values: [JSON.parse(text)] }; } catch (_) { /* several documents, or an error to locate */ }
    const values = [];
    try {
      for (let pos = skipWs(text, 0); pos < text.length;) {
        if (!'{["'.includes(text[pos])) fail(pos, values.length ? "unexpected text after a JSON document" : "this is not JSON: a policy starts with { or [");
        const end = scanValue(text, pos);
        try { values.push(JSON.parse(text.slice(pos, end))); } catch (e) { fail(pos, `the document starting here is not valid JSON (${e.message})`); }
        pos = skipWs(text, end);
      }
    } catch (e) {
      if (e instanceof RangeError) return { error: { msg: "the JSON is nested too deeply to read" } };
      if (!e || typeof e.pos !== "number") throw e;
      const at = lineCol(text, e.pos), eol = text.indexOf("\n", at.start), from = Math.max(0, at.col - 41);
      const excerpt = text.slice(at.start, eol < 0 ? text.length : eol).slice(from, at.col + 40);
      return { error: { msg: e.msg, line: at.line, col: at.col, excerpt, caret: at.col - 1 - from } };
    }
    return { values };
  }

  // A policy document from an object, a JSON string, or a URL-encoded JSON string (as IAM's API returns them).
  function decodeDoc(doc) {
    if (typeof doc !== "string") return doc;
    const s = doc.trim();
    if (s.startsWith("{")) return JSON.parse(s);
    try { return JSON.parse(decodeURIComponent(s)); } catch (_) { return JSON.parse(decodeURIComponent(s.replace(/\+/g, " "))); }
  }

  // Sort a parsed value into policy documents and roles (get-account-authorization-details); note what is not recognized.
  function classify(v, label, acc) {
    if (Array.isArray(v)) return v.forEach((x, i) => classify(x, `${label ? label + ", " : ""}item ${i + 1}`, acc));
    const name = label || "the pasted policy", push = (lbl, doc) => acc.docs.push({ label: lbl, doc });
    if (typeof v === "string") push(name, v);
    else if (!v || typeof v !== "object") acc.unknown.push(`${name}: ${JSON.stringify(v)}`);
    else if ("Statement" in v) push(name, v);
    else if (v.PolicyVersion && "Document" in v.PolicyVersion) push(`${name} (policy version ${v.PolicyVersion.VersionId || "?"})`, v.PolicyVersion.Document);
    else if ("PolicyDocument" in v) push(`inline policy ${v.PolicyName || "?"}${v.RoleName ? " of role " + v.RoleName : ""}`, v.PolicyDocument);
    else if (Array.isArray(v.RoleDetailList)) readAuthDetails(v, acc);
    else if ("Effect" in v && ("Action" in v || "NotAction" in v)) push(`${name} (a single statement)`, { Statement: [v] });
    else acc.unknown.push(`${name}: an object with ${Object.keys(v).slice(0, 5).join(", ") || "no keys"}`);
  }

  // Each role of get-account-authorization-details, with its inline policies and its attached policies' default versions.
  function readAuthDetails(v, acc) {
    const byArn = new Map();
    for (const p of v.Policies || []) {
      const dv = (p.PolicyVersionList || []).find((x) => x.IsDefaultVersion);
      if (dv) byArn.set(p.Arn, dv.Document);
    }
    for (const r of v.RoleDetailList) {
      const role = { name: String(r.RoleName || r.Arn || "(unnamed role)"), docs: [], notes: [] };
      for (const ip of r.RolePolicyList || []) role.docs.push({ label: `inline policy ${ip.PolicyName}`, doc: ip.PolicyDocument });
      for (const ap of r.AttachedManagedPolicies || []) {
        if (byArn.has(ap.PolicyArn)) role.docs.push({ label: `managed policy ${ap.PolicyName}`, doc: byArn.get(ap.PolicyArn) });
        else role.notes.push(`Role ${role.name} has ${ap.PolicyArn} attached, but the paste does not include that policy `
          + "(the command's --filter may have left it out), so its permissions are not counted.");
      }
      if (r.PermissionsBoundary) role.notes.push(`Role ${role.name} has a permissions boundary (${r.PermissionsBoundary.PermissionsBoundaryArn}); `
        + "this check does not apply it, and AWS allows only what both allow.");
      acc.roles.push(role);
    }
  }

  // Read a document's statements as {where, effect, not, patterns, limit}; a malformed statement becomes a problem.
  function readDocument(doc, label, out) {
    if (!doc || typeof doc !== "object" || doc.Statement === undefined) return out.problems.push(`${label}: no Statement, so nothing in it was checked.`);
    [].concat(doc.Statement).forEach((s, i) => {
      const where = `${label}, statement ${i + 1}${s && typeof s.Sid === "string" && s.Sid ? ` (Sid ${s.Sid})` : ""}`;
      const bad = (why) => out.problems.push(`${where}: ${why}; not checked.`);
      if (!s || typeof s !== "object") return bad("not an object");
      if (s.Effect !== "Allow" && s.Effect !== "Deny") return bad(`Effect is ${JSON.stringify(s.Effect)}, but IAM accepts only "Allow" or "Deny"`);
      if (("Action" in s) === ("NotAction" in s)) return bad("a statement needs exactly one of Action or NotAction");
      if ("Principal" in s || "NotPrincipal" in s) return bad("it names a Principal, so it is from a trust or resource policy, not a permissions policy");
      const patterns = [].concat("Action" in s ? s.Action : s.NotAction), res = [].concat(s.Resource), limit = [];
      if (patterns.some((p) => typeof p !== "string")) return bad("every Action entry must be a string");
      if (s.Condition !== undefined) {
        limit.push(`has a Condition (${Object.entries(s.Condition || {}).map(([op, keys]) => `${op} ${Object.keys(keys || {}).join(", ")}`).join("; ")})`);
      }
      if ("NotResource" in s) limit.push("uses NotResource");
      else if (!("Resource" in s)) limit.push("has no Resource (IAM requires one)");
      else if (!res.includes("*")) limit.push(`applies only to Resource ${res.join(", ")}`);
      out.statements.push({ where, effect: s.Effect, not: "NotAction" in s, patterns, limit: limit.join("; ") || null });
    });
  }

  // IAM's rule: allowed = union of Allows minus union of Denies. Limited (Condition/Resource) ones are noted, not dropped.
  function evaluate(cat, statements) {
    const allowBy = new Map(), firm = new Set(), denyBy = new Map(), maybe = [], conditional = [], unknown = new Map(), spelling = new Map();
    const done = { Allow: new Set(), Deny: new Set() }; // expansions already applied unconditionally (memo arrays are shared)
    for (const s of statements) {
      const parts = s.patterns.map((p) => [p, expand(cat, p)]), acts = [];
      for (const [p, hit] of parts) {
        if (!hit.length) unknown.set(p.toLowerCase(), { entry: p, where: s.where });
        else if (hit.length === 1 && hit[0] !== p && !WILD.test(p)) spelling.set(p.toLowerCase(), { entry: p, aws: hit[0] });
      }
      for (const [entry, hit] of s.not ? [[`NotAction ${s.patterns.join(", ")}`, expandNot(cat, s.patterns)]] : parts) {
        if (s.limit) { // kept for the notes; a limited Allow still counts as allowing
          for (const a of hit) { acts.push(a); if (s.effect === "Allow" && !allowBy.has(a)) allowBy.set(a, { s, entry }); }
        } else if (!done[s.effect].has(hit)) {
          done[s.effect].add(hit);
          if (s.effect === "Deny") { for (const a of hit) if (!denyBy.has(a)) denyBy.set(a, s.where); }
          else for (const a of hit) { if (!firm.has(a)) allowBy.set(a, { s, entry }); firm.add(a); } // unconditional source first
        }
      }
      if (s.limit) (s.effect === "Allow" ? conditional : maybe).push({ s, acts: new Set(acts) });
    }
    const allowed = new Set([...allowBy.keys()].filter((a) => !denyBy.has(a)));
    return { allowed, allowBy, firm, denyBy, maybe, conditional, unknown: [...unknown.values()], spelling: [...spelling.values()] };
  }

  // Expand a credential: each version's required set and optional blocks, and the guardrail.
  function model(cat, cred) {
    const versions = (cred.versions || []).map((v) => ({
      version: v.version, entries: v.required || [], required: expandAll(cat, v.required),
      optional: Object.entries(v.optional || {}).map(([id, es]) => ({ id, title: (cred.optional_titles || {})[id] || id, set: expandAll(cat, es) })),
    }));
    if (!versions.length) throw new Error(`the data file lists no versions for ${cred.id}`);
    const current = versions.find((v) => v.version === cred.version) || versions[versions.length - 1];
    return { cred, versions, current, guardrail: expandAll(cat, cred.guardrail) };
  }

  // How many elements of Set a are not in Set b.
  const outside = (a, b) => { let n = 0; for (const x of a) if (!b.has(x)) n++; return n; };

  // The version (with any optional blocks, with or without the guardrail) nearest the allowed set; the newest wins ties.
  function closest(m, allowed) {
    let best = null;
    for (const v of m.versions) {
      const subsets = v.optional.length > 4 ? [[], ...v.optional.map((b) => [b])] : v.optional.reduce((acc, b) => acc.concat(acc.map((s) => [...s, b])), [[]]);
      for (const blocks of subsets) for (const guard of m.guardrail.size ? [false, true] : [false]) {
        const target = new Set(v.required);
        blocks.forEach((b) => b.set.forEach((a) => target.add(a)));
        if (guard) m.guardrail.forEach((a) => target.delete(a));
        const c = { v, blocks, guard, missing: outside(target, allowed), extra: outside(allowed, target) };
        const d = c.missing + c.extra - (best ? best.missing + best.extra : Infinity);
        if (d < 0 || (d === 0 && v.version > best.v.version)) best = c;
      }
    }
    return best;
  }

  // Compare the allowed set with the current version: missing (by entry), extra (by pasted entry), optional blocks, guardrail.
  function compare(cat, ev, m) {
    const { allowed } = ev, cur = m.current, listed = new Set(), missing = [], extra = new Map();
    for (const entry of cur.entries) {
      const acts = expand(cat, entry).filter((a) => !allowed.has(a) && !m.guardrail.has(a) && !listed.has(a));
      acts.forEach((a) => listed.add(a));
      if (acts.length) missing.push({ entry, acts });
    }
    const optional = cur.optional.map((b) => ({ ...b, present: [...b.set].filter((a) => allowed.has(a)).length }));
    const baseline = new Set(cur.required);
    optional.filter((b) => b.present).forEach((b) => b.set.forEach((a) => baseline.add(a)));
    for (const a of allowed) {
      if (baseline.has(a)) continue;
      const src = ev.allowBy.get(a), key = `${src.s.where}\n${src.entry}`;
      if (!extra.has(key)) extra.set(key, { where: src.s.where, entry: src.entry, limit: src.s.limit, acts: [] });
      extra.get(key).acts.push(a);
    }
    const g = [...m.guardrail], groups = [...extra.values()];
    const guardrail = { total: g.length, denied: g.filter((a) => ev.denyBy.has(a)).length, allowed: g.filter((a) => allowed.has(a)).length,
      maybe: g.filter((a) => !ev.denyBy.has(a) && ev.maybe.some((d) => d.acts.has(a))).length };
    return { missing, missingCount: listed.size, extra: groups, extraCount: groups.reduce((n, x) => n + x.acts.length, 0),
      optional, best: closest(m, allowed), guardrail };
  }

  // The role to check: the one whose allowed actions overlap most (Jaccard) with the credential's; "archera" in its name breaks ties.
  function pickRole(cat, roles, m) {
    const want = new Set(m.current.required);
    m.current.optional.forEach((b) => b.set.forEach((a) => want.add(a)));
    let best = -1, pick = 0;
    roles.forEach((r, i) => {
      const out = { statements: [], problems: [] };
      for (const d of r.docs) try { readDocument(decodeDoc(d.doc), d.label, out); } catch (_) { /* reported if this role is checked */ }
      const got = evaluate(cat, out.statements).allowed, both = got.size - outside(got, want);
      const score = both / (got.size + want.size - both || 1) + (/archera/i.test(r.name) ? 1e-6 : 0);
      if (score > best) { best = score; pick = i; }
    });
    return pick;
  }

  // A <ul> of the first `limit` items, and a button that shows the rest.
  function capped(items, item, limit = SHOW) {
    const ul = el("ul", {}, items.slice(0, limit).map(item));
    if (items.length <= limit) return ul;
    const more = el("button", { type: "button", on: { click: () => { ul.append(...items.slice(limit).map(item)); more.remove(); } } },
      `Show all ${items.length}`);
    return [ul, more];
  }

  // A list of actions as <code>; note(a) may add text after an action.
  const actionList = (acts, note) => capped(acts, (a) => el("li", {}, el("code", {}, a), note && note(a)));

  // An entry as a link to its row on the credential's page (http(s) or relative targets only).
  function entryLink(cred, entry) {
    const id = (cred.anchors || {})[entry], href = cred.page ? cred.page + (id ? "#" + id : "") : null;
    const ok = href && /^https?:$/.test(new URL(href, document.baseURI).protocol);
    return ok ? el("a", { href }, el("code", {}, entry)) : el("code", {}, entry);
  }

  // Replace the result with a message (an error or a hint), optionally followed by a list or an excerpt.
  function message(ui, title, text, extra) {
    ui.result.replaceChildren(el("h2", {}, title), el("p", {}, text), ...[extra].flat().filter(Boolean));
  }

  // The one-line verdict: up to date, or the missing and extra counts; plus partial blocks and what depends on conditions.
  function verdictOf(cmp, ev, needed, version) {
    const partial = cmp.optional.filter((b) => b.present && b.present < b.set.size);
    const iffy = [...needed].filter((a) => ev.allowed.has(a) && (!ev.firm.has(a) || ev.maybe.some((d) => d.acts.has(a)))).length;
    let v = !cmp.missingCount && !cmp.extraCount ? `Up to date with version ${version}`
      : `${cmp.missingCount ? `Missing ${count(cmp.missingCount, "action")}` : "Nothing missing"}, ${cmp.extraCount ? `${cmp.extraCount} extra` : "nothing extra"}`;
    if (partial.length) v += `; ${partial.map((b) => b.title).join(", ")} only partly attached`;
    if (iffy) v += `; ${count(iffy, "needed action")} ${iffy === 1 ? "depends" : "depend"} on a condition (see Notes)`;
    return v + ".";
  }

  // The notes: statements not read, role caveats, conditional Allows, Denies that may block, unknown and miscased entries.
  function notesOf(r, needed) {
    const { cat, ev, out, role, m } = r, date = cat.data.catalog_date;
    return [
      ...out.problems, ...(role ? role.notes : []),
      ...ev.conditional.map((c) => {
        const only = [...c.acts].filter((a) => needed.has(a) && !ev.firm.has(a)).sort();
        return [`Conditional: ${c.s.where} ${c.s.limit}, so it allows its ${count(c.acts.size, "action")} only in some cases; `
          + "this check counts them as allowed.", only.length ? [" Needed by Archera and allowed only this way:", actionList(only)] : ""];
      }),
      ...ev.maybe.filter((d) => d.acts.size).map((d) => [`May block: ${d.s.where} is a Deny that ${d.s.limit}, so it may block these allowed actions:`,
        actionList([...d.acts].filter((a) => ev.allowed.has(a)).sort(), (a) => (needed.has(a) ? " — needed by Archera" : null))]),
      ...ev.unknown.map((u) => `${u.entry} (${u.where}) is unknown to AWS's catalog of ${date}: it matches no action, so it allows or denies nothing.`),
      ...m.current.entries.filter((e) => !expand(cat, e).length).map((e) => `The credential's entry ${e} is unknown to AWS's catalog of ${date}.`),
      ...ev.spelling.map((s) => `${s.entry} is written in a different case from AWS's spelling ${s.aws}; IAM ignores case, so it is the same action.`),
    ];
  }

  // Render the result: a heading, the verdict, then sections Missing, Extra, Version, Optional blocks, Guardrail and Notes.
  function render(ui, r) {
    const { cat, m, ev, cmp, out, role } = r, cur = m.current, cred = m.cred, needed = new Set(cur.required), g = cmp.guardrail, best = cmp.best;
    const sec = (title, ...kids) => el("section", {}, el("h3", {}, title), ...kids);
    const deniedBy = (a) => (ev.denyBy.has(a) ? ` (denied by ${ev.denyBy.get(a)})` : null);
    const what = [best.blocks.length ? `required + ${best.blocks.map((b) => b.title).join(" + ")}` : "required only", best.guard ? "with the guardrail" : ""];
    const notes = notesOf(r, needed);
    ui.result.replaceChildren(...[
      el("h2", {}, `Result for the ${cred.title}`),
      el("p", {}, el("strong", {}, verdictOf(cmp, ev, needed, cur.version))),
      el("p", {}, `Checked ${count(out.statements.length, "statement")}${role ? ` of role ${role.name}` : ""} against version ${cur.version} `
        + `(AWS's action catalog of ${cat.data.catalog_date}). Nothing you pasted left this browser.`),
      r.rolePicker,
      sec(`Missing (${cmp.missingCount})`,
        g.total ? el("p", {}, `The guardrail's ${count(g.total, "action")} are never counted as missing: Archera does not need them.`) : null,
        cmp.missing.length ? el("ul", {}, cmp.missing.map((x) => el("li", {}, entryLink(cred, x.entry),
          ` grants ${count(x.acts.length, "action")} not allowed:`, actionList(x.acts, deniedBy))))
          : el("p", {}, `Every action version ${cur.version} needs is allowed.`)),
      sec(`Extra (${cmp.extraCount})`, el("p", {}, "Actions allowed beyond the required ones and any optional block of which at least one action is allowed."),
        cmp.extra.length ? capped(cmp.extra, (x) => el("li", {}, `${x.where}: `, el("code", {}, x.entry), x.limit ? ` (conditional: it ${x.limit})` : "",
          ` allows ${count(x.acts.length, "extra action")}:`, actionList(x.acts.sort())), 50) : el("p", {}, "None.")),
      sec("Version", el("p", {}, best.missing + best.extra === 0 ? `Matches version ${best.v.version} (${what.filter(Boolean).join(", ")}).`
        : `Closest to version ${best.v.version} (${what.filter(Boolean).join(", ")}): ${best.missing} missing and ${best.extra} extra compared with it.`,
      best.v.version !== cur.version ? ` The current version is ${cur.version}.` : "")),
      cmp.optional.length ? sec("Optional blocks", el("p", {}, "A block counts as attached when all of its actions are allowed."),
        el("ul", {}, cmp.optional.map((b) => el("li", {}, `${b.title}: `, b.present === b.set.size ? `attached (all ${b.set.size} actions allowed)`
          : b.present ? [`partly attached (${b.present} of ${b.set.size} actions allowed; those are not counted as extra); not allowed:`,
            actionList([...b.set].filter((a) => !ev.allowed.has(a)))] : "not attached")))) : null,
      sec("Guardrail", !g.total ? el("p", {}, "This credential has no guardrail policy.")
        : el("p", {}, g.denied === g.total ? `Attached: all ${g.total} actions of the guardrail are denied.`
          : `${g.denied ? "Partly attached" : "Not attached"}: ${g.denied} of the guardrail's ${g.total} actions are denied`
            + `${g.maybe ? `, ${g.maybe} only under a condition` : ""}; ${g.allowed} are allowed. The guardrail is optional.`),
      g.total && g.denied < g.total ? [el("p", {}, "Not denied:"), actionList([...m.guardrail].filter((a) => !ev.denyBy.has(a)))] : null),
      sec(`Notes (${notes.length})`, notes.length ? capped(notes, (n) => el("li", {}, n), 100)
        : el("p", {}, "None: every statement applies to all resources without conditions.")),
    ].filter(Boolean));
  }

  // Fill the credential <select> from the data, keeping the reader's choice.
  function fillCredentials(select, data) {
    const ids = data.credentials.map((c) => c.id), was = select.value;
    if ([...select.options].map((o) => o.value).join("\n") === ids.join("\n")) return;
    select.replaceChildren(...data.credentials.map((c) => el("option", { value: c.id }, c.title || c.id)));
    if (ids.includes(was)) select.value = was;
  }

  // With several roles in the paste, a <select> to choose the one checked (changing it checks again).
  function rolePicker(ui, roles, i, chosen, cred) {
    const sel = el("select", { id: "role-check-role", on: { change: () => run(ui, Number(sel.value)) } },
      roles.map((r, j) => el("option", { value: j, selected: j === i }, r.name)));
    const why = chosen ? "you chose" : `this checks the one whose permissions are closest to the ${cred.title}`;
    return el("p", {}, el("label", { for: "role-check-role" }, `The paste holds ${roles.length} roles; ${why}: `), sel);
  }

  // Check: load the data, read the paste, evaluate, render. Every failure becomes a message on the page, never a console error.
  async function run(ui, roleIndex) {
    const t0 = performance.now();
    ui.result.setAttribute("aria-busy", "true");
    try {
      const cat = await loadData(ui.root), creds = cat.data.credentials;
      fillCredentials(ui.select, cat.data);
      const cred = creds.find((c) => c.id === ui.select.value) || creds[0];
      if (!ui.input.value.trim()) {
        return message(ui, "Nothing to check yet", "Paste your role's policy documents, or the output of one of the AWS CLI commands above, then choose Check.");
      }
      const parsed = parseInput(ui.input.value), e = parsed.error;
      if (e) {
        return message(ui, "The paste is not valid JSON", e.line ? `Line ${e.line}, column ${e.col}: ${e.msg}.` : `${e.msg}.`,
          e.line ? el("pre", {}, el("code", {}, e.excerpt + "\n" + " ".repeat(Math.max(0, e.caret)) + "^")) : null);
      }
      const acc = { docs: [], roles: [], unknown: [] };
      parsed.values.forEach((v, i) => classify(v, parsed.values.length > 1 ? `document ${i + 1}` : "", acc));
      if (!acc.docs.length && !acc.roles.length) {
        return message(ui, "Not a shape this check reads", `It found ${acc.unknown.join("; ") || "nothing it recognizes"}. It accepts:`,
          el("ul", {}, SHAPES.map((s) => el("li", {}, s))));
      }
      const m = model(cat, cred), chosen = roleIndex >= 0 && roleIndex < acc.roles.length;
      const i = acc.roles.length ? (chosen ? roleIndex : pickRole(cat, acc.roles, m)) : -1, role = acc.roles[i] || null;
      const out = { statements: [], problems: acc.unknown.map((u) => `Not read: ${u}.`) };
      for (const d of [...(role ? role.docs : []), ...acc.docs]) {
        try { readDocument(decodeDoc(d.doc), d.label, out); } catch (err) { out.problems.push(`${d.label}: the policy document could not be decoded (${err.message}).`); }
      }
      if (!out.statements.length) return message(ui, "No statements to check", out.problems.join(" ") || "The paste holds no policy statements.");
      const ev = evaluate(cat, out.statements);
      const picker = acc.roles.length > 1 ? rolePicker(ui, acc.roles, i, chosen, cred) : null;
      render(ui, { cat, m, ev, cmp: compare(cat, ev, m), out, role, rolePicker: picker });
    } catch (err) {
      message(ui, "The check could not finish", String((err && err.message) || err));
    } finally {
      ui.result.removeAttribute("aria-busy");
      ui.root.dispatchEvent(new CustomEvent("role-check:done", { detail: { ms: performance.now() - t0 } }));
    }
  }

  // Wire up the page's elements (the script does nothing on a page without them).
  function init() {
    const $ = (id) => document.getElementById(id);
    const ui = { root: $("role-check"), input: $("role-check-input"), select: $("role-check-credential"), button: $("role-check-run"), result: $("role-check-result") };
    if (Object.values(ui).some((x) => !x)) return;
    ui.result.setAttribute("aria-live", "polite");
    ui.button.addEventListener("click", () => run(ui));
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
