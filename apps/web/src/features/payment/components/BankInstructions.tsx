import { Alert, Typography } from 'antd';
import type { BankOption } from '../api/payment';

/** 开户须知 of the chosen bank, as the bank wrote it (one paragraph a line), with its branch and contact. */
export function BankInstructions({ bank }: { bank: Pick<BankOption, 'name' | 'accountInstructions' | 'accountBank' | 'contactName' | 'contactPhone'> }) {
  return (
    <Alert
      type="info"
      showIcon
      data-testid="account-instructions"
      message={`${bank.name} · 工资保证金专用账户开户须知`}
      description={
        <div>
          {bank.accountInstructions.split('\n').map((line, i) => (
            <Typography.Paragraph key={i} style={{ marginBottom: 4 }}>
              {line}
            </Typography.Paragraph>
          ))}
          {(bank.accountBank || bank.contactName) && (
            <Typography.Text type="secondary">
              {bank.accountBank ? `开户行：${bank.accountBank}` : ''}
              {bank.contactName ? `　联系人：${bank.contactName}${bank.contactPhone ? `（${bank.contactPhone}）` : ''}` : ''}
            </Typography.Text>
          )}
        </div>
      }
    />
  );
}
