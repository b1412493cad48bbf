// 设置身份验证器: a secret made on the server and shown once — as a QR code to scan with an authenticator app (any
// TOTP app: 微信小程序、手机令牌、Google/Microsoft Authenticator…), drawn in the browser so the secret never leaves
// the intranet, and in groups of four to type in — then proved with the app's current code. From then on every login
// asks for a code.
import { Alert, App, Button, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { api, ApiError } from '../../lib/api.ts';

export function SecondFactorSetup({ done }: { done?: () => void }) {
  const { refresh } = useSession();
  const { message } = App.useApp();
  const [secret, setSecret] = useState<{ grouped: string; uri: string } | null>(null);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败');
    } finally {
      setBusy(false);
    }
  };
  const begin = () => run(async () => setSecret(await api('POST /api/session/second-factor/begin', {})));
  const confirm = () =>
    run(async () => {
      await api('POST /api/session/second-factor', { body: { code } });
      message.success('身份验证器已启用：以后每次登录都要输入其中的动态验证码');
      await refresh();
      done?.();
    });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="second-factor-setup">
      {error && <Alert type="error" showIcon title={error} />}
      {!secret ? (
        <>
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            在手机上安装任一支持“基于时间的动态口令（TOTP）”的身份验证器 App，再生成密钥并添加到其中。它不需要联网。
          </Typography.Paragraph>
          <Button type="primary" loading={busy} onClick={() => void begin()} data-testid="second-factor-begin">
            生成密钥
          </Button>
        </>
      ) : (
        <>
          <Typography.Paragraph style={{ marginBottom: 0 }}>用身份验证器“扫一扫”下面的二维码（只显示这一次）：</Typography.Paragraph>
          <QRCode value={secret.uri} size={200} errorLevel="M" bgColor="#ffffff" color="#000000" data-testid="second-factor-qr" />
          <Typography.Paragraph style={{ marginBottom: 0 }}>
            不能扫码时，选择“手动输入密钥”，账户名填“整改通”，密钥填下面的 32 个字符：
          </Typography.Paragraph>
          <Typography.Text copyable strong style={{ fontSize: 18, fontFamily: 'monospace' }} data-testid="second-factor-secret">
            {secret.grouped}
          </Typography.Text>
          <Typography.Text type="secondary" copyable={{ text: secret.uri }} style={{ wordBreak: 'break-all' }}>
            或复制此地址导入：{secret.uri}
          </Typography.Text>
          <Space>
            <Input
              placeholder="App 中显示的 6 位数字"
              inputMode="numeric"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
              onPressEnter={() => void confirm()}
              style={{ width: 200 }}
              data-testid="second-factor-code"
            />
            <Button
              type="primary"
              loading={busy}
              disabled={code.length !== 6}
              onClick={() => void confirm()}
              data-testid="second-factor-confirm"
            >
              确认启用
            </Button>
          </Space>
        </>
      )}
    </Space>
  );
}
