// 问题详情: the problem, its measures, owners and deadlines, and the timeline of everything done on it; the actions the
// viewer's role may take here. Every change sends the version the page shows, so a stale page is refused.
import { Alert, Breadcrumb, Button, Card, Col, Descriptions, List, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link, useLocation, useParams } from 'react-router';
import { ColourTag, StatusTag } from '../../components/tags.tsx';
import { address, useGet } from '../../lib/api.ts';
import { TRIAGE } from '../../lib/labels.ts';
import type { TimelineEntry } from '../../lib/types.ts';
import { SimilarProblems } from './SimilarProblems.tsx';
import { EvidenceList } from './EvidenceList.tsx';
import { ProblemActions } from './ProblemActions.tsx';
import { type CameFrom, ProblemLink } from '../../components/ProblemLink.tsx';
import { useNarrow } from '../../lib/narrow.ts';

const TIMELINE_COLOUR: Record<TimelineEntry['kind'], string> = {
  status: 'blue',
  assignment: '#13c2c2',
  progress: 'green',
  evidence: 'gray',
  'closure-request': 'purple',
  'closure-decision': 'purple',
  'extension-request': 'cyan',
  'extension-decision': 'cyan',
  supervision: 'red',
  lookback: 'orange',
  submission: 'magenta',
};

/** The day of the entry, with the time it was recorded when it was recorded that day (imports are dated earlier). */
function when(t: TimelineEntry): string {
  const recorded = t.time ? dayjs(t.time) : null;
  return recorded && recorded.format('YYYY-MM-DD') === t.at ? recorded.format('YYYY-MM-DD HH:mm') : t.at;
}

export function ProblemPage() {
  const { code = '' } = useParams();
  const cameFrom = (useLocation().state as CameFrom | null) ?? null;
  const { data, current, error, loading, reload } = useGet('GET /api/problems/:code', { params: { code } });
  // on a phone one column: the facts, then the record; a description's two columns become one
  const narrow = useNarrow();
  const whole = narrow ? 1 : 2;
  // a reload that failed keeps the problem on screen (and an upload's queue with it); only a page never shown says why
  const stale = error !== null && current && (error.code === 'UNREACHABLE' || error.code === 'BAD_ANSWER');
  if (error && !stale)
    return <Alert type="error" title={error.status === 404 ? `没有编号为“${code}”的问题，或您无权查看` : error.message} showIcon />;
  if (!data) return <Spin spinning={loading} />;
  const p = data.problem;

  const sourceLedger = `/ledger?source=${encodeURIComponent(p.source.code)}`;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Breadcrumb
        data-testid="breadcrumb"
        items={[
          // back to the list the problem was opened from, its filters kept; else to its source's ledger
          { title: <Link to={cameFrom?.back ?? sourceLedger}>{cameFrom ? `返回${cameFrom.label}` : '台账'}</Link> },
          { title: <Link to={sourceLedger}>{p.source.code}</Link> },
          { title: p.code },
        ]}
      />
      <Space wrap>
        <Typography.Title level={narrow ? 4 : 3} style={{ margin: 0 }} data-testid="problem-title">
          {p.code} {p.title}
        </Typography.Title>
        <StatusTag status={p.status} longTerm={p.longTerm} untold={p.untold} />
        <ColourTag colour={p.colour} />
        {/* nothing of the lead itself: whoever sees the problem learns only that it waits on a verification */}
        {p.waitingOnLead && (
          <Tag color="volcano" data-testid="waiting-on-lead">
            等待线索核查
          </Tag>
        )}
      </Space>
      {stale && (
        <Alert
          type="warning"
          showIcon
          data-testid="problem-stale"
          title="暂时无法连接整改通服务器，下面是上次取到的内容"
          action={
            <Button size="small" onClick={reload}>
              刷新
            </Button>
          }
        />
      )}
      <ProblemActions data={data} reload={reload} />
      <SimilarProblems code={p.code} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title="基本情况">
            <Descriptions column={whole} size="small" bordered styles={narrow ? { label: { whiteSpace: 'nowrap' } } : undefined}>
              <Descriptions.Item label="整改来源" span={whole}>
                {p.source.code} {p.source.title}
              </Descriptions.Item>
              <Descriptions.Item label="方面" span={whole}>
                {p.aspect ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label="报告所述状态" span={whole}>
                {p.statusText ?? '—'}
                {data.basis && (
                  <>
                    {' '}
                    <a
                      href={address('GET /api/documents/:id/file', { params: { id: data.basis.id } })}
                      download={data.basis.fileName}
                      data-testid="basis"
                    >
                      （依据：{data.basis.fileName}）
                    </a>
                  </>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="牵头单位">{p.leadUnit ?? '未指定'}</Descriptions.Item>
              <Descriptions.Item label="配合单位">{p.cooperatingUnits.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="责任领导">{p.leadLeader ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="责任人">{p.responsiblePerson ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="整改时限">{p.deadline ?? '未定'}</Descriptions.Item>
              <Descriptions.Item label="类别">{p.triage ? TRIAGE[p.triage] : '—'}</Descriptions.Item>
              {p.longTerm && p.status === 'phased' && (
                <Descriptions.Item label="挂账" span={whole}>
                  长期整改问题已阶段性完成，挂账不销账：继续按督办设置的周期报送进展，由回头看检验成效；问题反弹时经回头看重新整改。
                </Descriptions.Item>
              )}
              <Descriptions.Item label="进度">{p.progress}%</Descriptions.Item>
              <Descriptions.Item label="应改金额">{p.amountDue ? `${p.amountDue.amount} ${p.amountDue.unit}` : '—'}</Descriptions.Item>
              <Descriptions.Item label="成效目标" span={whole}>
                {p.target ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {data.children.length > 0 && (
            <Card title="具体问题" style={{ marginTop: 16 }}>
              <List
                dataSource={data.children}
                renderItem={(c) => (
                  <List.Item>
                    <Space>
                      <ProblemLink code={c.code} />
                      {c.title}
                      <StatusTag status={c.status} />
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          )}
          <Card title={`整改措施（${data.measures.length}）`} style={{ marginTop: 16 }}>
            <List
              dataSource={data.measures}
              locale={{ emptyText: '尚无整改措施' }}
              renderItem={(m) => (
                <List.Item>
                  <Typography.Text>{m.text}</Typography.Text>
                  <Tag>{m.deadline ?? '—'}</Tag>
                </List.Item>
              )}
            />
          </Card>
          <Card title={`佐证材料（${data.evidence.length}）`} style={{ marginTop: 16 }}>
            <EvidenceList items={data.evidence} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title="整改记录" data-testid="timeline">
            <Timeline
              items={data.timeline.map((t) => ({
                color: TIMELINE_COLOUR[t.kind],
                content: (
                  <>
                    <Typography.Text type="secondary">{when(t)}</Typography.Text> {t.by ? `${t.by}：` : ''}
                    {t.text}
                    {t.document && (
                      <>
                        {' '}
                        <a href={address('GET /api/documents/:id/file', { params: { id: t.document.id } })} download={t.document.fileName}>
                          （下载所据文件）
                        </a>
                      </>
                    )}
                  </>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
