// The main button of each mode, as spec §14 lists its states. Pure: state in, label and action out.

import { duration } from './dom.js';

/** The state of the uploads a form waits for: 'uploading' wins over 'stalled'. */
export function uploadState(slots) {
  if (slots.some((slot) => slot.state === 'uploading')) return 'uploading';
  if (slots.some((slot) => slot.state === 'stalled')) return 'stalled';
  return 'ready';
}

/**
 * Create · Uploading… · Creating… · I need matcha · Error → Retry (plus "Upload image again" after a stall), and
 * "Switch to Main · 1 matcha" (issue 22) when the chosen engine costs more than the balance but a cheaper one fits:
 * `offer` is {engine, label, cost}, from the engines of /api/me or a 402's switch_to.
 */
export function stillButton({ running, uploads, failed, available, cost, offer = null }) {
  if (running) return { label: 'Creating…', action: null, busy: true };
  if (uploads === 'uploading') return { label: 'Uploading…', action: null, busy: true };
  if (uploads === 'stalled') return { label: 'Upload image again', action: 'reupload' };
  if (available < cost && offer && offer.cost <= available) {
    return { label: `Switch to ${offer.label} · ${offer.cost} matcha`, action: 'switch', engine: offer.engine };
  }
  if (available < cost) return { label: 'I need matcha', action: 'matcha' };
  if (failed) return { label: 'Retry', action: 'retry' };
  return { label: 'Create', action: 'create' };
}

/** I need an image · Uploading… · Animate · Animating… (3 min) · I need matcha · Error → Retry. */
export function motionButton({ running, uploads, hasImage, failed, available, cost, estimateSeconds }) {
  if (running) return { label: `Animating… (${duration(estimateSeconds)})`, action: null, busy: true };
  if (uploads === 'uploading') return { label: 'Uploading…', action: null, busy: true };
  if (uploads === 'stalled') return { label: 'Upload image again', action: 'reupload' };
  if (!hasImage) return { label: 'I need an image', action: 'need-image' };
  if (available < cost) return { label: 'I need matcha', action: 'matcha' };
  if (failed) return { label: 'Retry', action: 'retry' };
  return { label: 'Animate', action: 'animate' };
}

/**
 * Paints a button state: label, busy look, and aria-disabled while nothing can be done (not `disabled`, so the
 * button keeps keyboard focus through Creating… and back to Create).
 */
export function paint(button, state, progress = null) {
  button.textContent = state.label;
  button.dataset.action = state.action ?? '';
  button.setAttribute('aria-disabled', state.action ? 'false' : 'true');
  button.setAttribute('aria-busy', state.busy ? 'true' : 'false');
  button.classList.toggle('busy', Boolean(state.busy));
  button.classList.toggle('attention', ['matcha', 'reupload', 'retry', 'switch'].includes(state.action));
  button.style.setProperty('--progress', progress == null ? '0' : String(Math.max(0, Math.min(1, progress))));
}
