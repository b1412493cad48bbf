// 修改密码: the old password, the new one checked by the same rule the server applies (core/access/password-rule.ts)
// before it is sent, and typed twice. On success every other session of the person has ended.
import { App, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { NewPasswordItem } from '../admin/fields.tsx';
import { useSession } from '../../app/session.tsx';
import { api, ApiError } from '../../lib/api.ts';

export function ChangePasswordForm({ done, oldLabel = '原密码' }: { done?: () => void; oldLabel?: string }) {
  const { session, refresh } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { oldPassword: string; newPassword: string }) => {
    setBusy(true);
    try {
      await api('POST /api/session/password', { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } });
      message.success('密码已修改，您在其他设备上的登录已退出');
      form.resetFields();
      await refresh();
      done?.();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '修改失败');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark data-testid="change-password">
      <Form.Item label={oldLabel} name="oldPassword" rules={[{ required: true, message: `请输入${oldLabel}` }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordItem name="newPassword" label="新密码" username={session?.user.username} />
      <Form.Item
        label="再次输入新密码"
        name="confirm"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
        修改密码
      </Button>
    </Form>
  );
}
