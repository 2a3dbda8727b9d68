import { describe, expect, it } from 'vitest'
import { createI18n } from '~/i18n/i18n'
import en from '~/i18n/locales/en'
import zhCN from '~/i18n/locales/zh-CN'

function leaves(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [k, v] of leaves(value as object, path)) out.set(k, v)
  }
  return out
}

describe('messages', () => {
  const zh = leaves(zhCN)
  const english = leaves(en)

  it('has the same keys in Chinese and English', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort())
  })

  it('has no empty message and the same placeholders in both locales', () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort()
    for (const [key, text] of zh) {
      expect(text.trim(), key).not.toBe('')
      expect(english.get(key)!.trim(), key).not.toBe('')
      expect(placeholders(english.get(key)!), key).toEqual(placeholders(text))
    }
  })

  it('translates in the chosen locale and falls back to nothing missing', () => {
    expect(createI18n('zh-CN').t('activity.type.lecture')).toBe('讲座')
    expect(createI18n('en').t('activity.type.lecture')).toBe('Lecture')
    expect(createI18n('zh-CN').t('shift.seatsLeft', { count: 3 })).toBe('剩余 3 个名额')
  })
})
