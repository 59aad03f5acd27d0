import { XMLParser, XMLValidator } from 'fast-xml-parser'

/** One push from the Official Account, every value kept as the string WeChat sent. */
export interface OfficialAccountMessage {
  toUser: string
  fromUser: string
  createTime: string
  msgType: string
  msgId: string | null
  content: string | null
  recognition: string | null
  picUrl: string | null
  mediaId: string | null
  locationX: string | null
  locationY: string | null
  label: string | null
  event: string | null
  eventKey: string | null
  encrypt: string | null
}

export class BadXmlError extends Error {
  override name = 'BadXmlError'
}

// Values stay strings (a MsgId overflows a number); entities are not expanded.
const parser = new XMLParser({
  parseTagValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  trimValues: true,
})

/** Parses a push body; refuses DOCTYPE and ENTITY declarations outright (no XXE, no entity bombs). */
export function parseOfficialAccountMessage(xml: string): OfficialAccountMessage {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new BadXmlError('DOCTYPE and ENTITY are not accepted')
  if (XMLValidator.validate(xml) !== true) throw new BadXmlError('not well-formed XML')
  const doc = parser.parse(xml) as { xml?: Record<string, unknown> }
  const x = doc.xml
  if (!x || typeof x !== 'object') throw new BadXmlError('no <xml> root')
  const field = (name: string) => {
    const v = x[name]
    return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null
  }
  return {
    toUser: field('ToUserName') ?? '',
    fromUser: field('FromUserName') ?? '',
    createTime: field('CreateTime') ?? '',
    msgType: field('MsgType') ?? '',
    msgId: field('MsgId'),
    content: field('Content'),
    recognition: field('Recognition'),
    picUrl: field('PicUrl'),
    mediaId: field('MediaId'),
    locationX: field('Location_X'),
    locationY: field('Location_Y'),
    label: field('Label'),
    event: field('Event'),
    eventKey: field('EventKey'),
    encrypt: field('Encrypt'),
  }
}
