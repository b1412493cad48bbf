// Chinese text into words (jieba, a native module): the one place the segmenter is loaded, on first use, with the
// rectification terms added to its dictionary so they stay whole.
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import { RECTIFICATION_TERMS } from '../core/recurrence/terms.ts';

let jieba: Jieba | null = null;

export function words(text: string): string[] {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(new TextEncoder().encode(RECTIFICATION_TERMS.map((t) => `${t} 200000 n`).join('\n')));
  }
  return jieba.cut(text, false);
}
