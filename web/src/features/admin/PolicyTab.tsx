// 系统管理 → 安全策略: the security administrator's policy — how passwords are made and kept, how long a session may
// idle and live — each number in its bounds (core/access/security-policy.ts), saved with the version it was read at.
// Every change goes into the log with what it was before.
import { Alert, App, Button, Card, Form, InputNumber, Select, Space, Typography } from 'antd';
import { ROLE } from '../../lib/labels.ts';
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
  const submit = async (v: Record<string, unknown>) => {
    if (!current.data) return;
    try {
      const r = await api('PUT /api/security-policy', {
        body: { ...current.data.policy, ...v, version: current.data.version } as never,
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
        <Card title="双因素认证" size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name="secondFactorRoles"
            label="须使用身份验证器的角色"
            extra="这些角色的账号登录时除密码外还须输入手机身份验证器（TOTP，离线可用）中的动态验证码；尚未设置的，下次登录时先设置"
          >
            <Select
              mode="multiple"
              allowClear
              options={Object.entries(ROLE).map(([value, label]) => ({ value, label }))}
              data-testid="policy-second-factor"
            />
          </Form.Item>
        </Card>
        <Button type="primary" htmlType="submit" data-testid="policy-save">
          保存安全策略
        </Button>
      </Form>
    </Space>
  );
}
