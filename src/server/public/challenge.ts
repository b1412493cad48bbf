// The small sum a sender works out before the form is taken: made and checked here, no outside service, no script.
// The question travels in the form as a signed token (HMAC over the numbers, an expiry and a nonce), so the server
// keeps nothing until an answer comes; each token is taken once. The key and the tokens taken are the database's
// (store/process-state.repository.ts): a form one server process gave out is answered to whichever takes the answer.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { challengeQuestion } from '../../core/public/submission.ts';

const LIFETIME_MS = 30 * 60_000;

export class Challenges {
  /**
   * `key`: the secret every process signs with; `spend`: takes a nonce once across all processes (false when it was
   * taken before).
   */
  constructor(
    private readonly key: string,
    private readonly spend: (nonce: string, expires: Date) => Promise<boolean>,
  ) {}

  /** A new question and the token that carries it. */
  issue(now = Date.now()): { question: string; token: string } {
    const a = randomInt(2, 10);
    const b = randomInt(2, 10);
    const body = Buffer.from(JSON.stringify({ a, b, exp: now + LIFETIME_MS, n: randomBytes(9).toString('base64url') })).toString(
      'base64url',
    );
    return { question: challengeQuestion(a, b), token: `${body}.${this.sign(body)}` };
  }

  /** Why the answer is not taken, in the sender's words; null when it is (and the token is spent). */
  async check(token: string, answer: string, now = Date.now()): Promise<string | null> {
    const [body, sig] = token.split('.');
    if (!body || !sig) return '验证题已失效，请重新作答';
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return '验证题已失效，请重新作答';
    let c: { a: number; b: number; exp: number; n: string };
    try {
      c = JSON.parse(Buffer.from(body, 'base64url').toString());
    } catch {
      return '验证题已失效，请重新作答';
    }
    if (c.exp < now) return '验证题已过期，请重新作答';
    // "１５" as a Chinese input method types it is 15
    if (Number(answer.normalize('NFKC').trim()) !== c.a + c.b) return '验证题答案不对，请重新计算';
    if (!(await this.spend(c.n, new Date(c.exp)))) return '这道验证题已经用过，请重新作答';
    return null;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
