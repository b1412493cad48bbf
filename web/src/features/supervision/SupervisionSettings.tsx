// 督办设置 of one source, from the ledger screen: how often units report (一周一调度 by default; phase-complete items
// less often), when reminders go out before a deadline, when the ladder climbs (督办单, 挂牌督办, 约谈), and the time
// the source's problem leads may take and how often they are followed up. Units with a rhythm of their own keep it
// (set through the API). Saved whole; the next supervision run follows it.
import { App, Button, Divider, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import { api, ApiError, useGet } from '../../lib/api.ts';
import { CADENCE_LABEL, type Cadence } from '../../../../src/core/supervision/cadence.ts';

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'].map((d, i) => ({ value: i + 1, label: `星期${d}` }));

interface CadenceFields {
  every: Cadence['every'];
  weekday?: number;
  day?: number;
}

const fieldsOf = (c: Cadence): CadenceFields => ({
  every: c.every,
  weekday: c.every === 'weekly' ? c.weekday : 5,
  day: c.every === 'monthly' ? c.day : 25,
});

const cadenceOf = (f: CadenceFields): Cadence =>
  f.every === 'weekly'
    ? { every: 'weekly', weekday: f.weekday ?? 5 }
    : f.every === 'monthly'
      ? { every: 'monthly', day: f.day ?? 25 }
      : { every: f.every };

function CadenceInput({ name, label }: { name: string; label: string }) {
  return (
    <Form.Item label={label}>
      <Space>
        <Form.Item name={[name, 'every']} noStyle>
          <Select style={{ width: 110 }} options={Object.entries(CADENCE_LABEL).map(([value, l]) => ({ value, label: l }))} />
        </Form.Item>
        <Form.Item noStyle shouldUpdate>
          {({ getFieldValue }) =>
            getFieldValue([name, 'every']) === 'weekly' ? (
              <Form.Item name={[name, 'weekday']} noStyle>
                <Select style={{ width: 110 }} options={WEEKDAYS} />
              </Form.Item>
            ) : getFieldValue([name, 'every']) === 'monthly' ? (
              <Form.Item name={[name, 'day']} noStyle>
                <InputNumber min={1} max={28} addonAfter="日" style={{ width: 120 }} />
              </Form.Item>
            ) : null
          }
        </Form.Item>
      </Space>
    </Form.Item>
  );
}

export function SupervisionSettings({ source, open, onClose }: { source: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const policy = useGet('GET /api/sources/:source/supervision', open ? { params: { source } } : null);
  const p = policy.data;
  const save = async (v: {
    report: CadenceFields;
    phasedReport: CadenceFields;
    dueSoonDays: string;
    noticeAfterYellowRuns: number;
    listedAfterOverdueDays: number;
    talkAfterOverdueDays: number;
    leads: { duringMonths: number; afterMonths: number; trackEveryMonths: number };
  }) => {
    const days = v.dueSoonDays
      .split(/[,，、\s]+/)
      .filter(Boolean)
      .map(Number);
    if (days.length === 0 || days.length > 5 || days.some((d) => !Number.isInteger(d) || d < 0 || d > 90))
      return void message.error('提前提醒天数应为 1 至 5 个 0 到 90 之间的整数，用逗号隔开，如 7,3,1');
    try {
      await api('PUT /api/sources/:source/supervision', {
        params: { source },
        body: {
          report: cadenceOf(v.report),
          phasedReport: cadenceOf(v.phasedReport),
          dueSoonDays: days,
          noticeAfterYellowRuns: v.noticeAfterYellowRuns,
          listedAfterOverdueDays: v.listedAfterOverdueDays,
          talkAfterOverdueDays: v.talkAfterOverdueDays,
          leads: v.leads,
        },
      });
      message.success('督办设置已保存，下次督办起按新设置执行');
      onClose();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : '保存失败');
    }
  };
  return (
    <Modal title={`督办设置：${source}`} open={open} onCancel={onClose} footer={null} destroyOnHidden width={600}>
      {p && (
        <Form
          layout="vertical"
          onFinish={save}
          initialValues={{
            report: fieldsOf(p.report),
            phasedReport: fieldsOf(p.phasedReport),
            dueSoonDays: p.dueSoonDays.join(','),
            noticeAfterYellowRuns: p.noticeAfterYellowRuns,
            listedAfterOverdueDays: p.listedAfterOverdueDays,
            talkAfterOverdueDays: p.talkAfterOverdueDays,
            leads: p.leads,
          }}
          data-testid="supervision-settings"
        >
          <CadenceInput name="report" label="报送整改进展" />
          <CadenceInput name="phasedReport" label="阶段性完成的长期事项报送" />
          <Form.Item name="dueSoonDays" label="时限前提醒（天，逗号隔开）">
            <Input style={{ width: 200 }} data-testid="due-soon-days" />
          </Form.Item>
          <Space wrap>
            <Form.Item name="noticeAfterYellowRuns" label="连续黄色预警几次发督办单">
              <InputNumber min={1} max={30} />
            </Form.Item>
            <Form.Item name="listedAfterOverdueDays" label="超期几天挂牌督办">
              <InputNumber min={0} max={365} />
            </Form.Item>
            <Form.Item name="talkAfterOverdueDays" label="超期几天建议约谈">
              <InputNumber min={0} max={730} />
            </Form.Item>
          </Space>
          <Divider plain>问题线索</Divider>
          <Space wrap>
            <Form.Item name={['leads', 'duringMonths']} label="巡中移交办理期限（月）">
              <InputNumber min={1} max={24} data-testid="lead-during-months" />
            </Form.Item>
            <Form.Item name={['leads', 'afterMonths']} label="巡后移交办理期限（月）">
              <InputNumber min={1} max={24} />
            </Form.Item>
            <Form.Item name={['leads', 'trackEveryMonths']} label="跟踪了解间隔（月）">
              <InputNumber min={1} max={24} />
            </Form.Item>
          </Space>
          <Button type="primary" htmlType="submit" data-testid="supervision-settings-save">
            保存
          </Button>
        </Form>
      )}
    </Modal>
  );
}
