// The board's pure logic: the state built from the snapshot and the events, and the announcement queue.
// No DOM, no network: board.js wires these to the page; the browser tests drive them directly.

export const LAST_CALLS = 8;

/** How many call keys a board remembers: far more than a snapshot holds, small enough for weeks without a reload. */
const SEEN_LIMIT = 500;

/** Events that change waiting counts in a way the event alone does not tell (the previous state is unknown). */
const REFRESH_WAITING = new Set(['ticket.cancelled', 'ticket.no-show', 'ticket.transferred']);

/**
 * The visible state of one site: counters, waiting counts and the last calls, kept from the snapshot (the first
 * message of each WebSocket connection) and the events after it.
 *
 * "New" calls (highlighted and announced) are only those the board learns about as they happen: events with a seq
 * beyond the last one seen, or, after a reconnect, calls in the snapshot that were never seen and happened in the
 * last `recentMs` before the snapshot. The first snapshot of a page shows calls but never announces them.
 */
export class BoardState {
  constructor({ recentMs = 20000 } = {}) {
    this.recentMs = recentMs;
    this.seq = null;            // seq of the last snapshot or event applied; null before the first snapshot
    this.counters = new Map();  // number → { number, name, state, pauseReason, services, ticket }
    this.waiting = new Map();   // service code → { code, name, prefix, waiting, priorityWaiting }
    this.lastCalls = [];        // newest first: { ticketId, number, service, counter, at, callCount }
    this.seen = new Set();      // keys of calls already shown: ticketId + '#' + callCount (insertion order)
  }

  /**
   * Applies a snapshot. Returns the calls that are new to this page (see the class comment), oldest first.
   */
  applySnapshot(snapshot) {
    const firstSnapshot = this.seq === null;
    const restarted = !firstSnapshot && snapshot.seq < this.seq; // a new event history: nothing in it is new
    const missedEvents = !firstSnapshot && snapshot.seq > this.seq;
    this.seq = snapshot.seq;
    this.counters = new Map((snapshot.counters || []).map((c) => [c.number, { ...c }]));
    this.waiting = new Map((snapshot.services || []).map((s) => [s.code, { ...s }]));
    const calls = distinctCalls((snapshot.lastCalls || []).map(callView)).slice(0, LAST_CALLS);
    const snapshotAt = Date.parse(snapshot.at);
    const fresh = [];
    for (const call of calls) {
      const key = callKey(call);
      const recent = Number.isFinite(snapshotAt) && snapshotAt - Date.parse(call.at) <= this.recentMs;
      if (missedEvents && !restarted && !this.seen.has(key) && recent) {
        fresh.push(call);
      }
      this.remember(key);
    }
    this.lastCalls = calls;
    return fresh.reverse();
  }

  /**
   * Applies one event. Returns { gap: true } when events were missed (the caller resynchronises), otherwise
   * { call, announcement, refreshWaiting, siteChanged }: call is set for a new call or recall to highlight,
   * announcement for one to play, refreshWaiting when waiting counts should be re-read from a snapshot, siteChanged
   * when the site's configuration changed (its description and a snapshot should be read again).
   */
  applyEvent(event) {
    if (this.seq === null) {
      return { gap: true };
    }
    if (event.seq <= this.seq) {
      return {}; // already applied (a replay after reconnecting)
    }
    if (event.seq !== this.seq + 1) {
      return { gap: true };
    }
    this.seq = event.seq;
    const ticket = event.ticket;
    const result = {};
    switch (event.type) {
      case 'ticket.issued':
        this.adjustWaiting(ticket, +1);
        break;
      case 'ticket.called':
      case 'ticket.recalled': {
        if (event.type === 'ticket.called') {
          this.adjustWaiting(ticket, -1);
        }
        const counterNumber = event.counter ?? ticket.counter;
        this.holdTicket(counterNumber, ticket);
        const call = {
          ticketId: ticket.id,
          number: ticket.number,
          service: ticket.service,
          counter: counterNumber,
          at: ticket.calledAt || event.at,
          callCount: ticket.callCount || 1,
        };
        this.lastCalls = [call, ...this.lastCalls.filter((c) => c.ticketId !== call.ticketId)].slice(0, LAST_CALLS);
        this.remember(callKey(call));
        result.call = call;
        result.announcement = event.announcement || null;
        break;
      }
      case 'ticket.started':
        this.holdTicket(event.counter ?? ticket.counter, ticket);
        break;
      case 'ticket.completed':
      case 'ticket.no-show':
      case 'ticket.cancelled':
        this.releaseTicket(ticket);
        break;
      case 'ticket.transferred':
        // The call no longer stands: the ticket waits again and will be called anew (the server drops it too).
        this.releaseTicket(ticket);
        this.lastCalls = this.lastCalls.filter((c) => c.ticketId !== ticket.id);
        break;
      case 'counter.paused':
      case 'counter.resumed':
      case 'counter.signed-in':
      case 'counter.signed-out':
        this.updateCounter(event);
        break;
      case 'config.changed':
        // The administrator saved the site (fields, counters, names, notice, hours): the caller reads the site's
        // description again and starts again from a snapshot, which carries the new fields and counters.
        result.siteChanged = true;
        break;
      default:
        break;
    }
    if (REFRESH_WAITING.has(event.type)) {
      result.refreshWaiting = true;
    }
    return result;
  }

  /** Replaces the waiting counts with those of a snapshot read later, unless it is older than what is shown. */
  applyWaiting(snapshot) {
    if (this.seq !== null && snapshot.seq >= this.seq) {
      this.waiting = new Map((snapshot.services || []).map((s) => [s.code, { ...s }]));
    }
  }

  remember(key) {
    this.seen.delete(key);
    this.seen.add(key);
    if (this.seen.size > SEEN_LIMIT) {
      this.seen.delete(this.seen.values().next().value);
    }
  }

  adjustWaiting(ticket, delta) {
    const queue = ticket && this.waiting.get(ticket.service);
    if (!queue) {
      return;
    }
    queue.waiting = Math.max(0, queue.waiting + delta);
    if (ticket.priority) {
      queue.priorityWaiting = Math.max(0, queue.priorityWaiting + delta);
    }
  }

  holdTicket(counterNumber, ticket) {
    if (counterNumber == null) {
      return;
    }
    for (const counter of this.counters.values()) {
      if (counter.ticket && counter.ticket.id === ticket.id && counter.number !== counterNumber) {
        counter.ticket = null;
      }
    }
    const counter = this.counters.get(counterNumber) || this.addCounter(counterNumber);
    counter.ticket = ticket;
  }

  releaseTicket(ticket) {
    for (const counter of this.counters.values()) {
      if (counter.ticket && counter.ticket.id === ticket.id) {
        counter.ticket = null;
      }
    }
  }

  updateCounter(event) {
    const counter = this.counters.get(event.counter) || this.addCounter(event.counter);
    switch (event.type) {
      case 'counter.paused':
        counter.state = 'PAUSED';
        counter.pauseReason = event.reason || null;
        break;
      case 'counter.resumed':
      case 'counter.signed-in':
        counter.state = 'OPEN';
        counter.pauseReason = null;
        break;
      case 'counter.signed-out':
        counter.state = 'CLOSED';
        counter.pauseReason = null;
        break;
      default:
        break;
    }
  }

  addCounter(number) {
    const counter = { number, name: null, state: 'OPEN', pauseReason: null, services: [], ticket: null };
    this.counters.set(number, counter);
    return counter;
  }
}

/** One entry per ticket, the newest call kept (the list is newest first). */
function distinctCalls(calls) {
  const seen = new Set();
  return calls.filter((call) => !seen.has(call.ticketId) && seen.add(call.ticketId));
}

function callView(call) {
  return {
    ticketId: call.ticketId,
    number: call.number,
    service: call.service,
    counter: call.counter,
    at: call.at,
    callCount: call.callCount || 1,
  };
}

export function callKey(call) {
  return `${call.ticketId}#${call.callCount || 1}`;
}

/**
 * Plays announcements one after the other, in the order they were queued, never two at once. `play(announcement)`
 * returns a promise settled when the announcement has been heard to its end. When it rejects with a NotAllowedError
 * (the browser blocks audio until someone touches the page), the queue keeps the announcement, calls
 * `onBlocked(true)` and waits for `unblock()`. Any other failure is reported through `onError` and the queue moves
 * on: a broken clip never silences the board.
 */
export class AnnouncementQueue {
  constructor(play, { onBlocked = () => {}, onError = () => {}, maxPending = 50 } = {}) {
    this.play = play;
    this.onBlocked = onBlocked;
    this.onError = onError;
    this.maxPending = maxPending;
    this.pending = [];
    this.playing = null;
    this.blocked = false;
    this.played = []; // every announcement played, in order (kept short; for tests and diagnostics)
  }

  /** Queues an announcement ({ text, clips }); a recall is queued again like any call. */
  enqueue(announcement) {
    if (!announcement || !Array.isArray(announcement.clips) || announcement.clips.length === 0) {
      return;
    }
    this.pending.push(announcement);
    if (this.pending.length > this.maxPending) {
      // A board left muted for hours must not talk for an hour once unmuted: keep the newest.
      this.onError(new Error(`announcement queue full, dropping: ${this.pending.shift().text}`));
    }
    this.drain();
  }

  /** Resumes after the user allowed audio. */
  unblock() {
    if (this.blocked) {
      this.blocked = false;
      this.onBlocked(false);
      this.drain();
    }
  }

  get size() {
    return this.pending.length + (this.playing ? 1 : 0);
  }

  async drain() {
    if (this.playing || this.blocked) {
      return;
    }
    while (this.pending.length > 0 && !this.blocked) {
      const next = this.pending[0];
      this.playing = next;
      try {
        await this.play(next);
        this.pending.shift();
        this.played.push(next);
        if (this.played.length > 100) {
          this.played.shift();
        }
      } catch (error) {
        if (error && error.name === 'NotAllowedError') {
          this.blocked = true;
          this.onBlocked(true);
        } else {
          this.pending.shift();
          this.onError(error);
        }
      } finally {
        this.playing = null;
      }
    }
  }
}

/**
 * Plays the clips of an announcement gaplessly through the Web Audio API, fetching and decoding each clip once.
 * Missing clips are skipped (reported through onError), so a custom phrase without a recording still leaves the
 * number and the counter audible.
 */
export class ClipPlayer {
  constructor(baseUrl, { onError = () => {}, context = null } = {}) {
    this.baseUrl = baseUrl;
    this.onError = onError;
    this.context = context;
    this.buffers = new Map();
  }

  audioContext() {
    if (!this.context) {
      this.context = new AudioContext();
    }
    return this.context;
  }

  async clip(name) {
    if (!this.buffers.has(name)) {
      const loading = fetch(`${this.baseUrl}${encodeURIComponent(name)}.wav`)
        .then((response) => {
          if (!response.ok) {
            throw new Error(`clip ${name}: HTTP ${response.status}`);
          }
          return response.arrayBuffer();
        })
        .then((bytes) => this.audioContext().decodeAudioData(bytes));
      this.buffers.set(name, loading);
      loading.catch(() => this.buffers.delete(name));
    }
    return this.buffers.get(name);
  }

  /** Resolves when the announcement has finished playing; rejects with NotAllowedError while audio is blocked. */
  async play(announcement) {
    const context = this.audioContext();
    if (context.state !== 'running') {
      await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, 300))]);
      if (context.state !== 'running') {
        throw new DOMException('audio is blocked until the page is touched', 'NotAllowedError');
      }
    }
    const buffers = [];
    for (const name of announcement.clips) {
      try {
        buffers.push(await this.clip(name));
      } catch (error) {
        this.onError(error);
      }
    }
    if (buffers.length === 0) {
      return;
    }
    let at = context.currentTime + 0.05;
    let last = null;
    for (const buffer of buffers) {
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(context.destination);
      source.start(at);
      at += buffer.duration;
      last = source;
    }
    const seconds = at - context.currentTime;
    await new Promise((resolve) => {
      last.onended = resolve;
      // A suspended or broken audio device must not stall the queue forever.
      setTimeout(resolve, (seconds + 2) * 1000);
    });
  }
}
