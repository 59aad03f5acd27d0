import {
  claimDueDeliveries,
  finishDelivery,
  type ClaimedDelivery,
} from '../store/notification-deliveries'
import type { Store } from '../store/open-database'

/** How one attempt went: sent (and how), or not — and whether trying again could help. */
export type DeliveryOutcome =
  { ok: true; sentAs: string } | { ok: false; permanent: boolean; reason: string }

/** Sends one notification on its channel. */
export type Sender = (delivery: ClaimedDelivery) => Promise<DeliveryOutcome>

export interface DeliveryOptions {
  /** one sender per channel this process can push on */
  senders: Record<string, Sender>
  /** the first retry waits this long, each later one twice as long as the one before */
  retryBaseMs: number
  maxAttempts: number
  /** a claim outlasts any send (their timeouts are 10 s), so a live sender never loses its row */
  leaseMs?: number
  batch?: number
}

const MAX_BACKOFF_MS = 6 * 60 * 60_000

/**
 * Sends the notifications that are due, each claimed first so that several server processes
 * never send the same one. A failed attempt is retried later with exponential backoff; one that
 * cannot succeed (no template for a closed 48-hour window, an unfollowed account) is recorded as
 * undeliverable with its reason — the resident still finds the update under 我的投诉.
 */
export async function deliverDueNotifications(
  store: Store,
  options: DeliveryOptions,
  now: Date,
): Promise<{ delivered: number; retried: number; undeliverable: number; failed: number }> {
  const counts = { delivered: 0, retried: 0, undeliverable: 0, failed: 0 }
  const claimed = await claimDueDeliveries(store.db, {
    channels: Object.keys(options.senders),
    now,
    leaseMs: options.leaseMs ?? 60_000,
    limit: options.batch ?? 20,
    postgres: store.dialect === 'postgres',
  })
  for (const delivery of claimed) {
    let outcome: DeliveryOutcome
    try {
      outcome = await options.senders[delivery.channel]!(delivery)
    } catch (err) {
      outcome = {
        ok: false,
        permanent: false,
        reason: err instanceof Error ? err.message : 'error',
      }
    }
    if (outcome.ok) {
      counts.delivered++
      await finishDelivery(
        store.db,
        delivery,
        {
          state: 'delivered',
          sent_as: outcome.sentAs,
          last_error: null,
          next_attempt_at: now.toISOString(),
        },
        now,
      )
      continue
    }
    const giveUp = outcome.permanent || delivery.attempts >= options.maxAttempts
    const state = outcome.permanent ? 'undeliverable' : giveUp ? 'failed' : 'pending'
    counts[state === 'pending' ? 'retried' : state]++
    const backoff = Math.min(options.retryBaseMs * 2 ** (delivery.attempts - 1), MAX_BACKOFF_MS)
    await finishDelivery(
      store.db,
      delivery,
      {
        state,
        sent_as: null,
        last_error: outcome.reason.slice(0, 500),
        next_attempt_at: new Date(now.getTime() + backoff).toISOString(),
      },
      now,
    )
  }
  return counts
}

/** Delivers due notifications every `everyMs`, one run at a time; returns a function that stops it. */
export function startNotificationDelivery(
  store: Store,
  options: DeliveryOptions,
  onError: (err: unknown) => void,
  everyMs: number,
): () => void {
  let running = false
  const timer = setInterval(() => {
    if (running) return
    running = true
    deliverDueNotifications(store, options, new Date())
      .catch(onError)
      .finally(() => (running = false))
  }, everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
