import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Empty, List, Row, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router';
import type { Role } from '@benxi/shared';
import { useDashboard } from '../api/supervision';

const DashboardChart = lazy(() => import('./DashboardChart'));
const PIES = new Set(['projects-by-deposit', 'deposits-by-way']);

/**
 * 首页 per role (ADR 039): the figures the server counted (each the total of the list it links to)
 * and the charts (ECharts, loaded only here). Every number is a link; every bar opens its list.
 */
export function Dashboard({ role }: { role: Role }) {
  const d = useDashboard();
  if (d.isPending) return <Skeleton active />;
  // an account that may not see figures yet (an enterprise before 认证) gets the welcome card only
  if (d.isError && (d.error as { status?: number }).status === 403) return null;
  if (d.isError) return <Alert type="error" showIcon message={`首页统计加载失败：${d.error.message}`} />;
  const { figures, charts, calendar } = d.data;
  return (
    <div data-testid="dashboard">
      {role === 'admin' && calendar.yearToConfirm && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="calendar-warning"
          message={`${calendar.yearToConfirm} 年节假日安排尚未确认`}
          description={
            <span>
              落在 {calendar.yearToConfirm} 年的期限目前按周一至周五计算，页面标注“（节假日安排未确认）”。请在国务院办公厅发布通知后
              <Link to="/admin/calendar"> 录入并确认 </Link>。
            </span>
          }
        />
      )}
      <Row gutter={[16, 16]}>
        {figures.map((f) => (
          <Col key={f.key} xs={12} sm={8} lg={6}>
            <Card size="small">
              <Link to={f.link} data-testid={`figure-${f.key}`} aria-label={`${f.label} ${f.value}`}>
                <Statistic title={f.label} value={f.value} valueStyle={{ color: f.key.startsWith('warnings') && f.value > 0 ? '#cf1322' : '#1557b0' }} />
              </Link>
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {charts.map((c) => {
          const total = c.items.reduce((n, i) => n + i.value, 0);
          return (
            <Col key={c.key} xs={24} lg={12}>
              <Card size="small" title={c.title} data-testid={`chart-${c.key}`}>
                {total === 0 ? (
                  <Empty description="暂无数据" image={Empty.PRESENTED_IMAGE_SIMPLE} />
                ) : (
                  <Suspense fallback={<Skeleton active />}>
                    <DashboardChart items={c.items} pie={PIES.has(c.key)} />
                  </Suspense>
                )}
                <List
                  size="small"
                  grid={{ column: 3 }}
                  dataSource={c.items.filter((i) => i.value > 0)}
                  renderItem={(i) => (
                    <List.Item style={{ marginBottom: 0 }}>
                      <Link to={i.link} data-testid={`figure-${i.key}`}>
                        {i.label}：{i.value}
                      </Link>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
