import { useState } from 'react';
import { PageContainer } from '@ant-design/pro-components';
import { Button } from 'antd';
import PlusOutlined from '@ant-design/icons/PlusOutlined';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { can } from '@benxi/shared';
import { useMe } from '../../../features/auth/api/me';
import { useKeys } from '../../../features/deposit-uses/api/deposit-uses';
import { RecordUseModal } from '../../../features/deposit-uses/components/RecordUseModal';
import { UseTable, useDetailPath } from '../../../features/deposit-uses/components/UseTable';

/** 保证金动用 (hrss, enterprise) / 支付通知 (bank, insurer): the uses of the user's scope; hrss records a new one. */
export default function DepositUseListPage() {
  const me = useMe().data!;
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const qc = useQueryClient();
  const payer = me.role === 'bank' || me.role === 'insurer';
  return (
    <PageContainer title={payer ? '支付通知' : '保证金动用'}>
      <UseTable
        role={me.role}
        toolbar={
          can(me.role, 'use.manage') ? (
            <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              保证金动用
            </Button>
          ) : undefined
        }
      />
      {open && (
        <RecordUseModal
          open={open}
          onClose={() => setOpen(false)}
          onDone={(u) => {
            setOpen(false);
            void qc.invalidateQueries({ queryKey: useKeys.all });
            navigate(useDetailPath(u.id));
          }}
        />
      )}
    </PageContainer>
  );
}
