import { recentNotifications } from '../store/notifications'
import { conversationHistory } from '../store/resident-views'
import type { Db } from '../store/schema'

export interface TranscriptItem {
  from: 'resident' | 'bureau'
  text: string
  options?: string[]
  imageUrl?: string
  at: string
}

/**
 * A conversation as the resident saw it, oldest first: what they said, each reply, and the
 * messages pushed later (acceptance, resolution, survey). The chat page reloads it; the console
 * shows it beside the case.
 */
export async function transcriptOf(
  db: Db,
  conversationId: string,
  turns: number,
): Promise<TranscriptItem[]> {
  const rows = await conversationHistory(db, conversationId, turns)
  const said = rows.flatMap((m): TranscriptItem[] => {
    const replies = m.response
      ? (JSON.parse(m.response) as { replies: { text: string; options?: string[] }[] }).replies
      : []
    const text = m.text ?? (m.kind === 'image' ? '[图片]' : m.kind === 'location' ? '[位置]' : '')
    const imageUrl =
      m.kind === 'image' && m.payload
        ? (JSON.parse(m.payload) as { imageUrl: string }).imageUrl
        : undefined
    return [
      { from: 'resident', text, ...(imageUrl ? { imageUrl } : {}), at: m.created_at },
      ...replies.map((r) => ({ from: 'bureau' as const, ...r, at: m.created_at })),
    ]
  })
  // pushed messages belong in the history too
  const since = rows[0]?.created_at ?? ''
  const pushed = (await recentNotifications(db, conversationId, turns))
    .filter((n) => n.created_at >= since)
    .map((n): TranscriptItem => ({
      from: 'bureau',
      text: n.text,
      ...(n.options ? { options: JSON.parse(n.options) as string[] } : {}),
      at: n.created_at,
    }))
  return [...said, ...pushed].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
}
