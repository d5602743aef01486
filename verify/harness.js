// How a hook and an Action are called, and what each did, as plain data
// for the Go side to compare: the hook's callback arguments, the Action's
// api calls and how its promise settled.
(function (h2a) {
  'use strict';
  // Taken before any hook or Action code runs, which may replace the
  // globals: what the harness records must not depend on that code.
  const JSON_ = { stringify: JSON.stringify.bind(JSON), parse: JSON.parse.bind(JSON) };
  const Promise_ = Promise;

  // describe turns what was thrown or passed as an error into data.
  function describe(e) {
    if (e === undefined || e === null || e === false) return null;
    if (e instanceof Error || (typeof e === 'object' && typeof e.message === 'string')) {
      const out = { isError: true, name: String(e.name || (e.constructor && e.constructor.name) || 'Error'), message: String(e.message) };
      if (e.userMessage !== undefined) out.userMessage = String(e.userMessage);
      return out;
    }
    return { isError: false, value: typeof e === 'string' ? e : snapshotText(e) };
  }

  function snapshotText(v) {
    try { const s = JSON_.stringify(v); return s === undefined ? String(v) : s; } catch (e) { return String(v); }
  }

  // snapshot copies a value as JSON when it is passed, as the platform
  // serialises it then: later mutations do not count.
  function snapshot(v) {
    if (v === undefined) return null;
    try { const s = JSON_.stringify(v); return s === undefined ? null : JSON_.parse(s); } catch (e) { return String(v); }
  }

  // webtaskStorage is the hook's context.webtask.storage, empty when the
  // run starts: get and set answer through their callback on a later turn,
  // as the webtask platform did, and every write is recorded: an Action has
  // no such storage, so a draft must not pass for the hook without it.
  function webtaskStorage(rec) {
    let data;
    const later = (fn) => setTimeout(fn, 1);
    return {
      get(cb) {
        const copy = data === undefined ? undefined : JSON_.parse(data);
        later(() => cb(null, copy));
      },
      set(value, options, cb) {
        if (typeof options === 'function') cb = options;
        data = JSON_.stringify(value);
        if (data === undefined) data = 'null';
        rec.storage.push(data);
        if (typeof cb === 'function') later(() => cb(null));
      },
    };
  }

  // callHook calls the hook with its parameters (named, in the trigger's
  // order) and a recording callback. The first call of the callback is the
  // hook's result; the platform ignored the others.
  h2a.callHook = function (fn, paramsJSON, names) {
    const params = JSON_.parse(paramsJSON);
    const rec = (h2a.hookRecord = { called: false, err: null, result: null, thrown: null, rejected: null, storage: [] });
    if (params.context && params.context.webtask) params.context.webtask.storage = webtaskStorage(rec);
    const cb = function (err, result) {
      if (rec.called) return;
      rec.called = true;
      rec.err = describe(err);
      rec.result = snapshot(result);
    };
    try {
      const r = fn.apply(undefined, names.map((n) => params[n]).concat([cb]));
      if (r && typeof r.then === 'function') r.then(undefined, (e) => { rec.rejected = describe(e) || { isError: false, value: String(e) }; });
    } catch (e) {
      rec.thrown = describe(e) || { isError: false, value: String(e) };
    }
  };

  // makeAPI builds the Action's api for a trigger: only what the trigger
  // offers (anything else is undefined there too), every call recorded.
  function makeAPI(trigger, rec) {
    const api = {};
    // An undefined argument is told apart from null: a claim or metadata
    // value set to undefined sets nothing, as the hook's JSON response did.
    const arg = (v) => (v === undefined ? { $undefined: true } : snapshot(v));
    const record = (name) => function () {
      rec.api.push({ call: name, args: Array.prototype.slice.call(arguments).map(arg) });
      return api;
    };
    const cache = new Map();
    api.cache = {
      get: (k) => (cache.has(k) ? { value: cache.get(k) } : undefined),
      set: (k, v) => { cache.set(k, v); return { type: 'success' }; },
      delete: (k) => { cache.delete(k); return { type: 'success' }; },
    };
    if (trigger === 'credentials-exchange') {
      api.access = { deny: record('access.deny') };
      api.accessToken = { setCustomClaim: record('accessToken.setCustomClaim') };
      api.transaction = { addTargetScope: record('transaction.addTargetScope'), setTargetScopes: record('transaction.setTargetScopes') };
    }
    if (trigger === 'pre-user-registration') {
      api.access = { deny: record('access.deny') };
      api.user = { setUserMetadata: record('user.setUserMetadata'), setAppMetadata: record('user.setAppMetadata') };
      api.validation = { error: record('validation.error') };
    }
    return api;
  }

  h2a.callAction = function (handler, eventJSON, trigger) {
    const rec = (h2a.actionRecord = { api: [], settled: 'pending', error: null });
    const done = () => { rec.settled = 'resolved'; };
    const failed = (e) => { rec.settled = 'rejected'; rec.error = describe(e) || { isError: false, value: String(e) }; };
    try {
      Promise_.resolve(handler(JSON_.parse(eventJSON), makeAPI(trigger, rec))).then(done, failed);
    } catch (e) {
      failed(e);
    }
  };

  h2a.records = function () {
    return JSON_.stringify({ hook: h2a.hookRecord || null, action: h2a.actionRecord || null });
  };
})(__h2a);
