import { Tooltip, Typography } from 'antd';
import { calendarYearConfirmed, UNCONFIRMED_CALENDAR_NOTE } from '@benxi/shared';
import { useCalendarStatus } from '../api/supervision';

/**
 * A deadline date; when it falls in a year whose holiday arrangement the operator has not confirmed,
 * followed by "（节假日安排未确认）" (ADR 036): the working days were counted without that year's holidays.
 */
export function Deadline({ date }: { date: string }) {
  const status = useCalendarStatus();
  const confirmed = calendarYearConfirmed(date, status.data?.confirmedYears ?? []);
  if (confirmed) return <>{date}</>;
  return (
    <Tooltip title="该年度国务院节假日安排尚未由平台确认，期限按周一至周五工作日计算，确认后可能调整">
      <span>
        {date}
        <Typography.Text type="warning">{UNCONFIRMED_CALENDAR_NOTE}</Typography.Text>
      </span>
    </Tooltip>
  );
}
