// 系统管理 → 安全策略: the security administrator's policy — how passwords are made and kept, how long a session may
// idle and live — each number in its bounds (core/access/security-policy.ts), saved with the version it was read at.
// Every change goes into the log with what it was before.
import { Alert, App, Button, Card, Form, InputNumber, Space, Typography } from 'antd';
import { useEffect } from 'react';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { POLICY_BOUNDS } from '../../../../src/core/access/security-policy.ts';

const GROUPS: { title: string; fields: (keyof typeof POLICY_BOUNDS)[] }[] = [
  { title: '密码', fields: ['minLength', 'classes', 'passphraseLength', 'expiryDays', 'historyCount'] },
  { title: '会话', fields: ['idleMinutes', 'absoluteHours'] },
];

export function PolicyTab() {
  const { message } = App.useApp();
  const current = useGet('GET /api/security-policy', {});
  const [form] = Form.useForm();
  useEffect(() => {
    if (current.data) form.setFieldsValue(current.data.policy);
  }, [current.data, form]);
  const submit = async (v: Record<string, number>) => {
    if (!current.data) return;
    try {
      const r = await api('PUT /api/security-policy', {
        body: {
          ...current.data.policy,
          ...v,
          secondFactorRoles: [...current.data.policy.secondFactorRoles],
          version: current.data.version,
        } as never,
      });
      message.success(`安全策略已保存：${r.passwordRule}`);
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    } finally {
      current.reload();
    }
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      {current.error && <Alert type="error" showIcon title={current.error.message} />}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        现行密码规则：<span data-testid="password-rule">{current.data?.passwordRule ?? '…'}</span>
        。登录失败按账号逐次延长等待、按地址限制次数， 他人无法借此锁定账号；需要时可在“账号授权”中解除锁定。修改记入审计日志。
      </Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 10 }} onFinish={submit} data-testid="policy-form">
        {GROUPS.map((g) => (
          <Card key={g.title} title={g.title} size="small" style={{ marginBottom: 16 }}>
            {g.fields.map((f) => {
              const [low, high, label] = POLICY_BOUNDS[f];
              return (
                <Form.Item key={f} name={f} label={label} extra={`${low}–${high}`} rules={[{ required: true, message: `请填写${label}` }]}>
                  <InputNumber min={low} max={high} precision={0} data-testid={`policy-${f}`} />
                </Form.Item>
              );
            })}
          </Card>
        ))}
        <Button type="primary" htmlType="submit" data-testid="policy-save">
          保存安全策略
        </Button>
      </Form>
    </Space>
  );
}
