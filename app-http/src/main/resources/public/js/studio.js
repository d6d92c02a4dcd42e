// The studio: still and animation modes on the left (above on a phone), the results on the right (below), and
// the generations running between them (their lines stream into the mode's text area and survive a page refresh).

import { $, say } from './dom.js';
import { get, post, requestId } from './api.js';
import { account } from './account.js';
import { follow, remember, remembered } from './live.js';
import { Results } from './results.js';
import { StillForm } from './still.js';
import { MotionForm } from './motion.js';
import { Editor } from './editor.js';

export class Studio {
  constructor() {
    this.still = new StillForm(this);
    this.motion = new MotionForm(this);
    this.results = new Results({
      onTweak: (item, text) => this.tweak(item, text),
      onAnimate: (item) => {
        this.setMode('video');
        this.motion.useStill(item);
        this.motion.text.focus();
      },
      videoRegen: () => Boolean(account.me?.video?.regen_enabled),
    });
    this.editor = new Editor(this.results);
    this.stops = [];
    this.wireTabs();
  }

  form(mode) {
    return mode === 'video' ? this.motion : this.still;
  }

  wireTabs() {
    const tabs = [$('#tab-still'), $('#tab-video')];
    tabs.forEach((tab, i) => {
      tab.addEventListener('click', () => this.setMode(i === 0 ? 'still' : 'video'));
      tab.addEventListener('keydown', (event) => {
        if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
          event.preventDefault();
          const other = tabs[1 - i];
          this.setMode(other === tabs[0] ? 'still' : 'video');
          other.focus();
        }
      });
    });
  }

  setMode(mode) {
    const video = mode === 'video';
    $('#tab-still').setAttribute('aria-selected', String(!video));
    $('#tab-video').setAttribute('aria-selected', String(video));
    $('#tab-still').tabIndex = video ? -1 : 0;
    $('#tab-video').tabIndex = video ? 0 : -1;
    $('#still-panel').hidden = video;
    $('#still-form').hidden = video;
    $('#motion-panel').hidden = !video;
    $('#motion-form').hidden = !video;
    $('#view-studio').dataset.mode = mode;
  }

  /** Starts following a generation that was just accepted (or was running before a refresh). */
  track(mode, id, meta) {
    const form = this.form(mode);
    remember(account.me.pass_id, mode, { id, ...meta });
    form.running = id;
    form.failed = null;
    form.live.start();
    form.render();
    this.results.add({ id, mode, status: 'running', ratio: meta.ratio, brief: meta.brief });
    this.stops.push(follow(id, {
      onLine: (line) => form.live.line(line.text),
      onDone: (done) => this.finished(mode, id, done),
    }));
  }

  async finished(mode, id, done) {
    const form = this.form(mode);
    const note = form.live.last();
    remember(account.me.pass_id, mode, null);
    form.running = null;
    form.live.end();
    say(this.results.status, '');
    if (done.status === 'done') {
      try {
        const g = await get(`/api/generations/${encodeURIComponent(id)}`);
        this.results.update(id, {
          status: 'done', url: g.output_url, ratio: g.aspect_ratio, mode: g.mode, kind: g.kind,
          brief: (g.mode === 'video' ? g.prompt || g.brief : g.brief || g.prompt) || '', note,
        });
        say(form.status, note || 'Done.');
      } catch (error) {
        this.results.update(id, { status: 'done', url: done.output_url, note });
      }
      this.reveal();
    } else {
      this.results.remove(id);
      form.failed = done.error || 'MMA could not finish it.';
      say(form.status, `That did not work: ${form.failed} Your matcha was refunded. Press Retry to try again.`, 'error');
    }
    form.render();
    account.refresh().catch(() => {});
  }

  /** On a phone the results sit below the form: a finished creation is scrolled into view. */
  reveal() {
    if (!window.matchMedia('(max-width: 860px)').matches) return;
    const smooth = !window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    $('#results').scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
  }

  /** Tweak on the right: a new still from feedback; on a video, feedback (or a new video when regen is on). */
  async tweak(item, text) {
    const mode = item.mode === 'video' ? 'video' : 'still';
    const form = this.form(mode);
    if (form.running) {
      say(this.results.status, 'Wait for the current one to finish first.', 'error');
      return false;
    }
    const id = encodeURIComponent(item.id);
    try {
      if (mode === 'still') {
        const reply = await post(`/api/generations/${id}/tweak`, { feedback: text, request_id: requestId() });
        account.setCredits(reply.credits_left);
        this.setMode('still');
        this.track('still', reply.generation_id, { kind: 'tweak', ratio: item.ratio, brief: text });
        say(this.results.status, 'Tweaking: the new still appears next to this one.');
        return true;
      }
      const reply = await post(`/api/generations/${id}/feedback`, { text, request_id: requestId() });
      // 202 (regeneration on) names a stream to follow; 201 is the recorded feedback event.
      if (reply.stream_url) {
        account.setCredits(reply.credits_left);
        this.setMode('video');
        this.track('video', reply.generation_id, { kind: 'video_feedback', ratio: item.ratio, brief: text });
        say(this.results.status, 'MMA is making a new video from your feedback.');
      } else {
        say(this.results.status, 'Thank you: your feedback on this video is recorded.');
      }
      return true;
    } catch (error) {
      if (error.status === 402) account.setCredits(error.problem.balance ?? 0);
      say(this.results.status, error.detail, 'error');
      return false;
    }
  }

  /** After a refresh: the generations that were running come back, with their lines replayed. */
  resume() {
    const jobs = remembered(account.me.pass_id);
    for (const [mode, job] of Object.entries(jobs)) {
      if (!job?.id || this.results.has(job.id)) continue;
      // What was asked comes back into the form with it (a tweak's text is feedback, not a brief).
      if (mode === 'still' && job.request) this.still.load(job.request, '');
      this.track(mode, job.id, job);
    }
  }

  /** Archive → Recreate: the settings and images go into the right mode. */
  recreate(recreated) {
    const mode = recreated.mode === 'video' ? 'video' : 'still';
    this.setMode(mode);
    this.form(mode).load(recreated);
  }

  stop() {
    this.stops.forEach((stop) => stop());
    this.stops = [];
  }
}
