import type { RoutingRule } from '../../store/schema'

export interface RoutingInput {
  category: string
  subcategory: string
  district: string | null
  description: string
}

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  if (rule.category !== '*' && rule.category !== input.category) return false
  if (rule.subcategory !== null && rule.subcategory !== input.subcategory) return false
  if (rule.district !== null && rule.district !== input.district) return false
  if (rule.keywords !== null) {
    const words = JSON.parse(rule.keywords) as string[]
    if (!words.some((w) => input.description.includes(w))) return false
  }
  return true
}

/** The first rule, by priority, that fits the complaint; rules end with a catch-all. */
export function pickRule(
  rules: readonly RoutingRule[],
  input: RoutingInput,
): RoutingRule | undefined {
  return [...rules].sort((a, b) => a.priority - b.priority).find((r) => matches(r, input))
}
