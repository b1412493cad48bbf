// 登录: a form of two fields in plain HTML, styled like the rest of the application, so that the first screen needs
// none of its components (app/Root.tsx). The server's own sentence is shown when it refuses.
import { useEffect, useRef, useState, type CSSProperties, type FormEvent } from 'react';
import { useSession } from '../../app/session.tsx';
import { loadApplication } from '../../app/load-application.ts';
import { ApiError } from '../../lib/api.ts';

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif';
const field: CSSProperties = {
  display: 'block',
  width: '100%',
  boxSizing: 'border-box',
  padding: '6px 11px',
  fontSize: 14,
  lineHeight: '22px',
  border: '1px solid #d9d9d9',
  borderRadius: 6,
  fontFamily: FONT,
};
const label: CSSProperties = { display: 'block', marginBottom: 8, fontSize: 14 };
const need: CSSProperties = { color: '#ff4d4f', fontSize: 14, marginTop: 4 };

export function LoginPage() {
  const { login, endedWhy } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ username: boolean; password: boolean }>({ username: false, password: false });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // the authenticator's code, asked for once the server says the password was right and the account has one
  const [asksCode, setAsksCode] = useState(false);
  const [code, setCode] = useState('');
  const codeField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (asksCode) codeField.current?.focus();
  }, [asksCode]);
  // the only thing to do on this screen is to type one's name
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  // the application's code fetched while the person types, once this screen is up and the browser has nothing else
  // to do: by the time 登录 is pressed it is there. If it cannot be fetched now, it is asked for again on 登录.
  useEffect(() => {
    const preload = () => void loadApplication().catch(() => {});
    if ('requestIdleCallback' in window) {
      const id = window.requestIdleCallback(preload, { timeout: 1000 });
      return () => window.cancelIdleCallback(id);
    }
    const id = setTimeout(preload, 200);
    return () => clearTimeout(id);
  }, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const empty = { username: username.trim() === '', password: password === '' };
    setMissing(empty);
    if (empty.username || empty.password || busy) return;
    setBusy(true);
    setError(null);
    // the password sent first: the browser's few connections to the server go to it before the application's files
    const answer = login(username.trim(), password, asksCode ? code.trim() : undefined);
    void loadApplication().catch(() => {}); // fetched while the server checks the password (when not already there)
    try {
      await answer;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'SECOND_FACTOR_REQUIRED') {
        setAsksCode(true);
        setError(null);
      } else setError(err instanceof ApiError ? err.message : '无法连接服务器');
      if (err instanceof ApiError && err.code === 'SECOND_FACTOR_WRONG') setCode('');
      setBusy(false);
    }
  };
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5', fontFamily: FONT }}>
      <form
        onSubmit={submit}
        noValidate
        style={{
          width: 380,
          maxWidth: 'calc(100vw - 24px)',
          boxSizing: 'border-box',
          padding: 24,
          background: '#fff',
          borderRadius: 8,
          boxShadow: '0 1px 2px rgba(0,0,0,0.06)',
        }}
      >
        <h1 style={{ textAlign: 'center', fontSize: 24, fontWeight: 600, margin: '0 0 8px' }}>整改通</h1>
        <p style={{ textAlign: 'center', color: 'rgba(0,0,0,0.45)', margin: '0 0 24px' }}>巡察、审计整改台账</p>
        {endedWhy && !error && (
          <div
            role="status"
            data-testid="session-ended"
            style={{ padding: '8px 12px', marginBottom: 16, border: '1px solid #91caff', background: '#e6f4ff', borderRadius: 6 }}
          >
            {endedWhy}
          </div>
        )}
        {error && (
          <div
            role="alert"
            style={{ padding: '8px 12px', marginBottom: 16, border: '1px solid #ffccc7', background: '#fff2f0', borderRadius: 6 }}
          >
            {error}
          </div>
        )}
        <div style={{ marginBottom: 24 }}>
          <label htmlFor="login-username" style={label}>
            用户名
          </label>
          <input
            id="login-username"
            ref={first}
            autoComplete="username"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            style={field}
          />
          {missing.username && <div style={need}>请输入用户名</div>}
        </div>
        <div style={{ marginBottom: 24 }}>
          <label htmlFor="login-password" style={label}>
            密码
          </label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            style={field}
          />
          {missing.password && <div style={need}>请输入密码</div>}
        </div>
        {asksCode && (
          <div style={{ marginBottom: 24 }}>
            <label htmlFor="login-code" style={label}>
              动态验证码
            </label>
            <input
              id="login-code"
              ref={codeField}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="身份验证器 App 中的 6 位数字"
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              style={field}
            />
          </div>
        )}
        <button
          type="submit"
          disabled={busy}
          style={{
            width: '100%',
            height: 32,
            fontSize: 14,
            color: '#fff',
            background: busy ? '#69b1ff' : '#1677ff',
            border: 'none',
            borderRadius: 6,
            cursor: busy ? 'default' : 'pointer',
            fontFamily: FONT,
          }}
        >
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </div>
  );
}
