// 提醒渠道 and 发送情况, on the 督办 page for the office: where a unit's or a leader's daily reminders go besides the
// application and e-mail (a 企业微信, 钉钉 or 飞书 group robot, a webhook, a mobile for SMS), a test message on
// request, and what was sent and what failed, in words. A robot's address and secret go to the server and never
// come back: the list shows the host and whether a secret is set.
import { Alert, App, Button, Card, Form, Input, List, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { useUnits } from '../../lib/units.ts';
import type { Body } from '../../lib/types.ts';
import {
  CHANNEL_KINDS,
  CHANNEL_LABEL,
  type ChannelKind,
  DELIVERY_STATUS_LABEL,
  type DeliveryStatus,
} from '../../../../src/core/supervision/reminder-channel.ts';

const TARGET_HELP: Record<ChannelKind, string> = {
  wecom: '群设置 → 群机器人 → 复制 Webhook 地址',
  dingtalk: '群设置 → 机器人 → 自定义机器人的 Webhook 地址；安全设置选“加签”时填写 SEC 开头的密钥',
  feishu: '群设置 → 群机器人 → 自定义机器人的 Webhook 地址；开启“签名校验”时填写其密钥',
  webhook: '接收系统的地址；填写密钥时，请求头 X-Zhenggai-Signature 为正文的 HMAC-SHA256',
  sms: '11 位手机号码；经本单位短信网关发送（服务器设置 ZG_SMS_URL）',
};

const STATUS_COLOUR: Record<DeliveryStatus, string> = { sent: 'green', pending: 'orange', failed: 'red', uncertain: 'gold' };
const OUTCOME: Record<string, string> = { sent: '送达', failed: '失败', interrupted: '中断' };
const at = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** 企业微信's robot and an SMS number take no secret; the others may sign. */
const signs = (kind: ChannelKind) => kind !== 'wecom' && kind !== 'sms';

function AddChannel({ onDone }: { onDone: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const kind = (Form.useWatch('kind', form) as ChannelKind | undefined) ?? 'wecom';
  const owner = (Form.useWatch('owner', form) as 'unit' | 'person' | undefined) ?? 'unit';
  const units = useUnits(open);
  const submit = async (v: {
    kind: ChannelKind;
    name: string;
    target: string;
    secret?: string;
    owner: string;
    unit?: string;
    person?: string;
  }) => {
    try {
      const body: Body<'POST /api/reminder-channels'> = {
        kind: v.kind,
        name: v.name,
        target: v.target,
        // a secret typed for another kind and hidden since is not sent with this one
        ...(v.secret && signs(v.kind) ? { secret: v.secret } : {}),
        ...(v.owner === 'unit' ? { unit: v.unit } : { person: v.person }),
      };
      await api('POST /api/reminder-channels', { body });
      message.success('已添加提醒渠道');
      setOpen(false);
      form.resetFields();
      onDone();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '添加失败');
    }
  };
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="channel-add">
        添加提醒渠道
      </Button>
      <Modal
        title="添加提醒渠道"
        open={open}
        onCancel={() => {
          setOpen(false);
          form.resetFields();
        }}
        footer={null}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{ kind: 'wecom', owner: 'unit' }}
          onValuesChange={(changed: { kind?: ChannelKind }) =>
            changed.kind && !signs(changed.kind) && form.setFieldValue('secret', undefined)
          }
        >
          <Form.Item name="kind" label="渠道">
            <Select options={CHANNEL_KINDS.map((k) => ({ value: k, label: CHANNEL_LABEL[k] }))} data-testid="channel-kind" />
          </Form.Item>
          <Form.Item name="owner" label="发给">
            <Radio.Group
              options={[
                { value: 'unit', label: '单位' },
                { value: 'person', label: '责任领导' },
              ]}
            />
          </Form.Item>
          {owner === 'unit' ? (
            <Form.Item name="unit" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
              <Select showSearch options={units.options} data-testid="channel-unit" />
            </Form.Item>
          ) : (
            <Form.Item name="person" label="领导姓名" rules={[{ required: true, message: '请填写领导姓名' }]}>
              <Input maxLength={50} />
            </Form.Item>
          )}
          <Form.Item name="name" label="名称" rules={[{ required: true, message: '请填写名称' }]}>
            <Input maxLength={60} placeholder="如：区财政局整改工作群" data-testid="channel-name" />
          </Form.Item>
          <Form.Item
            name="target"
            label={kind === 'sms' ? '手机号码' : 'Webhook 地址'}
            extra={TARGET_HELP[kind]}
            rules={[{ required: true, message: '请填写' }]}
          >
            <Input maxLength={1000} data-testid="channel-target" />
          </Form.Item>
          {signs(kind) && (
            <Form.Item name="secret" label="密钥（可不填）">
              <Input.Password maxLength={200} autoComplete="off" data-testid="channel-secret" />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" data-testid="channel-submit">
            添加
          </Button>
        </Form>
      </Modal>
    </>
  );
}

export function ReminderChannels() {
  const { message, modal } = App.useApp();
  const channels = useGet('GET /api/reminder-channels', {});
  const deliveries = useGet('GET /api/deliveries', { query: { status: 'all' } });
  const test = async (id: number) => {
    const r = await api('POST /api/reminder-channels/:id/test', { params: { id }, body: {} }).catch((e: unknown) => ({
      ok: false,
      error: e instanceof ApiError ? e.message : '发送失败',
    }));
    if (r.ok) message.success('测试消息已发送，请在群里查看');
    else message.error(`测试消息未能送达：${r.error}`);
  };
  const stop = (id: number, name: string) =>
    modal.confirm({
      title: `停用“${name}”？`,
      content: '停用后不再向它发送提醒；尚未发出的提醒也不再发送。',
      okText: '停用',
      cancelText: '取消',
      onOk: async () => {
        await api('DELETE /api/reminder-channels/:id', { params: { id } });
        channels.reload();
      },
    });
  const resend = async (id: number) => {
    try {
      await api('POST /api/deliveries/:id/resend', { params: { id }, body: {} });
      message.success('已安排重发，将在一分钟内发出');
      deliveries.reload();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '重发失败');
    }
  };
  const failed = (deliveries.data?.items ?? []).filter((d) => d.status === 'failed' || d.status === 'uncertain').length;
  return (
    <>
      <Card size="small" title="提醒渠道（每日督办提醒除站内和邮件外，还发往这些群和手机）" extra={<AddChannel onDone={channels.reload} />}>
        {channels.error && <Alert type="error" showIcon title={channels.error.message} />}
        <List
          data-testid="channels"
          loading={channels.loading}
          dataSource={[...(channels.data?.items ?? [])]}
          locale={{ emptyText: '尚未设置：提醒只在站内和邮件中' }}
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button key="test" size="small" onClick={() => void test(c.id)} data-testid={`channel-test-${c.id}`}>
                  发送测试
                </Button>,
                <Button key="stop" size="small" danger onClick={() => stop(c.id, c.name)}>
                  停用
                </Button>,
              ]}
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <span style={{ wordBreak: 'break-all' }}>{c.name}</span>
                    <Tag>{c.kindLabel}</Tag>
                    {c.signed && <Tag color="blue">已加签</Tag>}
                  </Space>
                }
                description={`发给 ${c.owner} · ${c.target} · ${c.createdBy}设置`}
              />
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={`发送情况（最近 200 条${failed ? `，其中 ${failed} 条未送达` : ''}）`}>
        <List
          data-testid="deliveries"
          loading={deliveries.loading}
          dataSource={[...(deliveries.data?.items ?? [])]}
          locale={{ emptyText: '尚无发送记录' }}
          pagination={(deliveries.data?.items.length ?? 0) > 10 ? { pageSize: 10, simple: true, align: 'center' } : false}
          renderItem={(d) => (
            <List.Item
              data-testid="delivery"
              data-status={d.status}
              actions={
                d.resendable
                  ? [
                      <Button key="resend" size="small" onClick={() => void resend(d.id)} data-testid={`delivery-resend-${d.id}`}>
                        重发
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space wrap>
                    <Tag color={STATUS_COLOUR[d.status]}>{DELIVERY_STATUS_LABEL[d.status]}</Tag>
                    <span>
                      {d.day} {d.recipient}
                    </span>
                    <Typography.Text type="secondary">
                      {d.channelLabel}：{d.to}
                    </Typography.Text>
                  </Space>
                }
                description={
                  <>
                    <div>
                      {d.status === 'sent'
                        ? `已于 ${at(d.sentAt ?? '')} 发送`
                        : `${d.lastError ?? '尚未发送'}${d.nextAttemptAt ? `；下次 ${at(d.nextAttemptAt)}` : ''}`}
                    </div>
                    {/* every try, not only the last: a robot that failed twice before it took the message shows so */}
                    {d.history.some((h) => h.outcome !== 'sent') && (
                      <ol style={{ margin: '4px 0 0', paddingLeft: 20, fontSize: 12 }} data-testid="delivery-history">
                        {d.history.map((h) => (
                          <li key={h.startedAt}>
                            {at(h.startedAt)} {h.outcome ? OUTCOME[h.outcome] : '发送中'}
                            {h.error ? `：${h.error}` : ''}
                          </li>
                        ))}
                      </ol>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      </Card>
    </>
  );
}
