// Leases held by the work and review screens: a countdown, heartbeats, and giving work back.
import { api, session } from '../api.js';

/** Seconds left until `expiresAt` (RFC 3339). */
export function secondsLeft(expiresAt) {
  return Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
}

/** "m:ss" (or "h:mm:ss") for a countdown. */
export function formatCountdown(seconds) {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Keeps `assignment` leased: a heartbeat every third of the lease (at most every 60 s), which
 * updates `assignment.expires_at`. Returns a function that stops it.
 */
export function keepAlive(assignment, onLost) {
  const lease = Math.max(30, secondsLeft(assignment.expires_at));
  const every = Math.min(60, Math.max(10, Math.floor(lease / 3))) * 1000;
  const timer = setInterval(async () => {
    try {
      const body = await api('POST', `/assignments/${assignment.id}/heartbeat`);
      assignment.expires_at = body.assignment.expires_at;
    } catch (error) {
      if (error.status === 404 || error.status === 409) {
        clearInterval(timer);
        if (onLost) onLost(error);
      }
    }
  }, every);
  return () => clearInterval(timer);
}

/** Gives an assignment (or, with kind "reviews", a review) back; survives the page closing. */
export function giveBack(id, kind = 'assignments') {
  const current = session();
  if (!current || !id) return Promise.resolve();
  return fetch(`/api/v1/${kind}/${id}/release`, {
    method: 'POST', keepalive: true, headers: { Authorization: `Bearer ${current.token}` },
  }).catch(() => undefined);
}
