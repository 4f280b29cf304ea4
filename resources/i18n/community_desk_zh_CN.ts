<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Entered / approved by</source>
        <translation>经办/审核</translation>
    </message>
    <message>
        <source>Record points…</source>
        <translation>记积分…</translation>
    </message>
    <message>
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <source>Reverse the line…</source>
        <translation>冲正该条…</translation>
    </message>
    <message>
        <source>Print passbook</source>
        <translation>打印积分存折</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Open a points account</source>
        <translation>开立积分账户</translation>
    </message>
    <message>
        <source>The holder: name, pinyin initials, ID or phone tail</source>
        <translation>账户持有人：姓名、拼音首字母、证件或电话尾号</translation>
    </message>
    <message>
        <source>The household&apos;s account (where this resident lives)</source>
        <translation>开立该居民所在户的户积分账户</translation>
    </message>
    <message>
        <source>Open the account</source>
        <translation>开户</translation>
    </message>
    <message>
        <source> — has an account</source>
        <translation> — 已有账户</translation>
    </message>
    <message>
        <source>Type the holder&apos;s name and choose them from the list.</source>
        <translation>请输入持有人姓名，并在列表中选择。</translation>
    </message>
    <message>
        <source>Choose the holder of the new account.</source>
        <translation>请选择新账户的持有人。</translation>
    </message>
    <message>
        <source>Points account: %1</source>
        <translation>积分账户：%1</translation>
    </message>
    <message>
        <source>%1 — balance %2 points</source>
        <translation>%1 — 余额 %2 分</translation>
    </message>
    <message>
        <source>%1 points expire on %2</source>
        <translation>%1 分将于%2过期</translation>
    </message>
    <message>
        <source> (reversed)</source>
        <translation>（已冲正）</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Adjust</source>
        <translation>调整</translation>
    </message>
    <message>
        <source>Points (negative to take off):</source>
        <translation>积分（扣减填负数）：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>事由：</translation>
    </message>
    <message>
        <source>Reverse</source>
        <translation>冲正</translation>
    </message>
    <message>
        <source>Choose the line to reverse first.</source>
        <translation>请先选择要冲正的记录。</translation>
    </message>
    <message>
        <source>Why is this line reversed?</source>
        <translation>冲正原因：</translation>
    </message>
</context>
<context>
    <name>AccountForm</name>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts</source>
        <translation>账号管理</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>新增…</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Accounts are never deleted: deactivate one that is no longer used. A new password also lifts a lock after wrong passwords.</source>
        <translation>账号不会被删除：不再使用的账号请停用。重置密码同时会解除因密码输错造成的锁定。</translation>
    </message>
    <message>
        <source>Only an administrator can manage accounts.</source>
        <translation>只有管理员可以管理账号。</translation>
    </message>
    <message>
        <source>Activate</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Deactivate account</source>
        <translation>停用账号</translation>
    </message>
    <message>
        <source>Deactivate the account %1? It can no longer sign in; it can be activated again.</source>
        <translation>确定停用账号 %1 吗？停用后不能再登录，之后可以重新启用。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>New service activity</source>
        <translation>新增志愿服务活动</translation>
    </message>
    <message>
        <source>Service activity</source>
        <translation>志愿服务活动</translation>
    </message>
    <message>
        <source>Activity and attendees</source>
        <translation>活动及参加人员</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>活动日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>服务地点</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>结束时间</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织单位</translation>
    </message>
    <message>
        <source>Confirmed by</source>
        <translation>确认人</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>服务内容</translation>
    </message>
    <message>
        <source>&amp;Add volunteers…</source>
        <translation>添加志愿者(&amp;A)…</translation>
    </message>
    <message>
        <source>Alt+A: pick the attendees by pinyin initials, Space ticks each</source>
        <translation>Alt+A：按拼音首字母找参加的志愿者，按空格逐个勾选</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除所选</translation>
    </message>
    <message>
        <source>Set all hours</source>
        <translation>全部按活动时长</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长（小时）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>%1 attendees, %2 hours</source>
        <translation>共 %1 人，%2 小时</translation>
    </message>
</context>
<context>
    <name>AddPointsDialog</name>
    <message>
        <source>Add points</source>
        <translation>加积分</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <source>New account</source>
        <translation>新增账号</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Present (1)</source>
        <translation>出席(1)</translation>
    </message>
    <message>
        <source>On leave (2)</source>
        <translation>请假(2)</translation>
    </message>
    <message>
        <source>Absent (3)</source>
        <translation>缺席(3)</translation>
    </message>
    <message>
        <source>Type a name&apos;s pinyin initials (zs for 张三) or its characters to go to that person</source>
        <translation>输入姓名的拼音首字母（如 zs 找张三）或汉字，光标就跳到此人</translation>
    </message>
    <message>
        <source>Key 1, or click the cell</source>
        <translation>按 1 键，或单击此格</translation>
    </message>
    <message>
        <source>Key 2, or click the cell; then type the reason and press Enter</source>
        <translation>按 2 键，或单击此格；再输入请假事由，按回车</translation>
    </message>
    <message>
        <source>Key 3, or click the cell</source>
        <translation>按 3 键，或单击此格</translation>
    </message>
    <message>
        <source>Reason for leave</source>
        <translation>请假事由</translation>
    </message>
</context>
<context>
    <name>AuditLogDialog</name>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Search the summary</source>
        <translation>搜索摘要</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Show all records</source>
        <translation>显示全部记录</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Only record #%1</source>
        <translation>仅记录 #%1</translation>
    </message>
    <message numerus="yes">
        <source>%n entries</source>
        <translation>
            <numerusform>共 %n 条</numerusform>
        </translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 entries exported to %2</source>
        <translation>已导出 %1 条到 %2</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BankSettingsDialog</name>
    <message>
        <source>Points settings</source>
        <translation>积分设置</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Points never expire</source>
        <translation>积分永不过期</translation>
    </message>
    <message>
        <source>Points per volunteer hour</source>
        <translation>每小时志愿服务积分</translation>
    </message>
    <message>
        <source>Days a claim is posted</source>
        <translation>申报公示天数</translation>
    </message>
    <message>
        <source>Points expire after</source>
        <translation>积分有效期</translation>
    </message>
    <message>
        <source>Expire due points now</source>
        <translation>立即处理到期积分</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <source>Expiring points…</source>
        <translation>正在处理到期积分…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>%1 points expired.</source>
        <translation>已过期 %1 分。</translation>
    </message>
    <message>
        <source>Cancelled: nothing expired.</source>
        <translation>已取消：没有积分过期。</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <source>New building</source>
        <translation>新增楼栋</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所在网格</translation>
    </message>
    <message>
        <source>e.g. 3号楼</source>
        <translation>如 3号楼</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>楼栋类型</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单元数</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>CareTagsDialog</name>
    <message>
        <source>Care tags</source>
        <translation>关爱对象类别</translation>
    </message>
    <message>
        <source>Care tag</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Visit every (months)</source>
        <translation>走访间隔（月）</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民数</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>新增类别</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Sensitive tags (e.g. 低保户) are shown only to accounts allowed to see them, and are left out of prints and exports unless asked for. A household with a resident carrying a tag is due a visit every so many months (0: no rule). A tag no longer used is switched off: the residents keep it.</source>
        <translation>敏感类别（如低保户）只有获准查看的账号才能看到，打印和导出时默认不含。居民带有某类别的户，每隔所设月数应走访一次（0：不设）。不再使用的类别取消“在用”即可，居民身上的类别会保留。</translation>
    </message>
    <message>
        <source>no rule</source>
        <translation>不设</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>New mediation case</source>
        <translation>新增调解案件</translation>
    </message>
    <message>
        <source>Mediation case</source>
        <translation>调解案件</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案件</translation>
    </message>
    <message>
        <source>Given when the case is first saved</source>
        <translation>首次保存时自动编号</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>调解层级</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Brief facts</source>
        <translation>简要案情</translation>
    </message>
    <message>
        <source>Requested matters</source>
        <translation>申请事项</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>调解结果</translation>
    </message>
    <message>
        <source>Case status</source>
        <translation>案件状态</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Agreement terms</source>
        <translation>协议内容</translation>
    </message>
    <message>
        <source>How, where and by when performed</source>
        <translation>履行方式、地点和期限</translation>
    </message>
    <message>
        <source>Amount involved (yuan)</source>
        <translation>涉及金额（元）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address or employer</source>
        <translation>住址或工作单位</translation>
    </message>
    <message>
        <source>Add applicant</source>
        <translation>添加申请人</translation>
    </message>
    <message>
        <source>Add respondent</source>
        <translation>添加被申请人</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Performed</source>
        <translation>履行情况</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <source>Add follow-up</source>
        <translation>添加回访</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Save the case first, then record follow-up visits here.</source>
        <translation>请先保存案件，再在这里登记回访。</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Delete this follow-up visit? It goes to the recycle bin and can be restored.</source>
        <translation>确定删除这条回访记录吗？删除后放入回收站，可以恢复。</translation>
    </message>
    <message>
        <source>Accepting, mediating and closing a case are done at the office</source>
        <translation>受理、调解和结案由办公室办理</translation>
    </message>
</context>
<context>
    <name>CatalogueDialog</name>
    <message>
        <source>Catalogue and partner shops</source>
        <translation>物品目录和合作商家</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>In stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>在兑</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>商家</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>New item…</source>
        <translation>新增物品…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>修改…</translation>
    </message>
    <message>
        <source>Goods in…</source>
        <translation>入库…</translation>
    </message>
    <message>
        <source>Goods out…</source>
        <translation>出库…</translation>
    </message>
    <message>
        <source>New shop…</source>
        <translation>新增商家…</translation>
    </message>
    <message>
        <source>Print last month&apos;s settlement</source>
        <translation>打印上月结算单</translation>
    </message>
    <message>
        <source>Catalogue</source>
        <translation>物品目录</translation>
    </message>
    <message>
        <source>Partner shops</source>
        <translation>合作商家</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Choose an item in the list first.</source>
        <translation>请先在列表中选择一件物品。</translation>
    </message>
    <message>
        <source>Goods in</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>Goods out</source>
        <translation>出库</translation>
    </message>
    <message>
        <source>Quantity of %1:</source>
        <translation>%1 的数量：</translation>
    </message>
    <message>
        <source>Note (for goods out: why):</source>
        <translation>说明（出库请写明原因）：</translation>
    </message>
    <message>
        <source>New shop</source>
        <translation>新增合作商家</translation>
    </message>
    <message>
        <source>The shop&apos;s name:</source>
        <translation>商家名称：</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>联系人：</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>联系电话：</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Account: %1</source>
        <translation>账号：%1</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>sign in with an account to change its password</source>
        <translation>请用账号登录后再修改密码</translation>
    </message>
</context>
<context>
    <name>ClaimDialog</name>
    <message>
        <source>New good-deed claim</source>
        <translation>好人好事申报</translation>
    </message>
    <message>
        <source>The resident: name, pinyin initials, ID or phone tail</source>
        <translation>居民：姓名、拼音首字母、证件或电话尾号</translation>
    </message>
    <message>
        <source>%1 (%2 points)</source>
        <translation>%1（%2分）</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Earning item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Deed</source>
        <translation>事迹</translation>
    </message>
    <message>
        <source>Happened on</source>
        <translation>发生日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Type the resident&apos;s name and choose them from the list.</source>
        <translation>请输入居民姓名，并在列表中选择。</translation>
    </message>
</context>
<context>
    <name>ClaimsDialog</name>
    <message>
        <source>Good-deed claims</source>
        <translation>好人好事申报</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Earning item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Deed</source>
        <translation>事迹</translation>
    </message>
    <message>
        <source>Happened on</source>
        <translation>发生日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notice until / note</source>
        <translation>公示截止/说明</translation>
    </message>
    <message>
        <source>New claim…</source>
        <translation>申报…</translation>
    </message>
    <message>
        <source>Approve and post</source>
        <translation>审核通过并公示</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>不通过…</translation>
    </message>
    <message>
        <source>Record an objection…</source>
        <translation>登记异议…</translation>
    </message>
    <message>
        <source>Credit ended notices</source>
        <translation>公示期满入账</translation>
    </message>
    <message>
        <source>Print the public notice</source>
        <translation>打印公示</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose a claim in the list first.</source>
        <translation>请先在列表中选择一件申报。</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>不通过</translation>
    </message>
    <message>
        <source>Why is the claim rejected?</source>
        <translation>不通过的理由：</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>异议</translation>
    </message>
    <message>
        <source>What was objected:</source>
        <translation>异议内容：</translation>
    </message>
    <message>
        <source>No claim is being posted now: approve one first.</source>
        <translation>目前没有正在公示的申报：请先审核通过。</translation>
    </message>
</context>
<context>
    <name>CommunityPicker</name>
    <message>
        <source>Which community the lists and figures show</source>
        <translation>列表和统计显示哪个社区的数据</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Pending conflicts</source>
        <translation>待处理冲突</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记簿</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Office&apos;s value (kept now)</source>
        <translation>办公室的值（现在保留）</translation>
    </message>
    <message>
        <source>Changed here by, at</source>
        <translation>本处修改人、时间</translation>
    </message>
    <message>
        <source>Station&apos;s value</source>
        <translation>服务站的值</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>服务站</translation>
    </message>
    <message>
        <source>Changed at the station by, at</source>
        <translation>服务站修改人、时间</translation>
    </message>
    <message>
        <source>Keep the office&apos;s value</source>
        <translation>保留办公室的值</translation>
    </message>
    <message>
        <source>Take the station&apos;s value</source>
        <translation>采用服务站的值</translation>
    </message>
    <message>
        <source>%1 fields were changed both here and at a station before they exchanged. The office&apos;s value stands; choose for each whether to keep it or to take the station&apos;s (it then goes to the stations with the next bundle).</source>
        <translation>有 %1 项内容在交换之前被办公室和服务站都修改过。现在保留的是办公室的值；请逐项选择保留办公室的值，或采用服务站的值（采用后会随下一个交换包发给各服务站）。</translation>
    </message>
    <message>
        <source>No conflicts are waiting.</source>
        <translation>没有待处理的冲突。</translation>
    </message>
</context>
<context>
    <name>ConnectServerDialog</name>
    <message>
        <source>Connect to a server</source>
        <translation>连接服务器</translation>
    </message>
    <message>
        <source>server name or IP address</source>
        <translation>服务器名称或 IP 地址</translation>
    </message>
    <message>
        <source>Work on a database on the office&apos;s server, shared by several computers. The administrator gives you these details.</source>
        <translation>使用单位服务器上的数据库，多台电脑共用。以下信息由管理员提供。</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>服务器：</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <source>Database name:</source>
        <translation>数据库名：</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>用户名：</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>the database name</source>
        <translation>数据库名</translation>
    </message>
    <message>
        <source>the user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Enter %1.</source>
        <translation>请填写%1。</translation>
    </message>
</context>
<context>
    <name>CounterDialog</name>
    <message>
        <source>Counter (market day)</source>
        <translation>兑换台（公益集市）</translation>
    </message>
    <message>
        <source>Resident: name, pinyin initials, ID or phone tail — Enter</source>
        <translation>居民：姓名、拼音首字母、证件或电话尾号，回车确认</translation>
    </message>
    <message>
        <source>Item: name or initials, *2 for two — Enter adds; Enter on an empty box redeems</source>
        <translation>物品：名称或首字母，*2 表示两件；回车加入，空白时回车完成兑换</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Resident</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>%1 — balance %2</source>
        <translation>%1 — 余额 %2</translation>
    </message>
    <message>
        <source>No account found for “%1”.</source>
        <translation>没有找到“%1”的积分账户。</translation>
    </message>
    <message>
        <source>%1, balance %2 points</source>
        <translation>%1，余额 %2 分</translation>
    </message>
    <message>
        <source> (%1 left)</source>
        <translation>（库存 %1）</translation>
    </message>
    <message>
        <source>%1  %2 points</source>
        <translation>%1  %2 分</translation>
    </message>
    <message>
        <source>No item “%1” in the catalogue.</source>
        <translation>物品目录中没有“%1”。</translation>
    </message>
    <message>
        <source>Total %1 points; balance after %2</source>
        <translation>合计 %1 分；兑换后余额 %2 分</translation>
    </message>
    <message>
        <source>Choose the resident and at least one item first.</source>
        <translation>请先选择居民和至少一件物品。</translation>
    </message>
    <message>
        <source>Redeemed %1 points for %2: slip %3 (Ctrl+P prints it).</source>
        <translation>已为%2兑换 %1 分，凭证号 %3（Ctrl+P 打印凭证）。</translation>
    </message>
    <message>
        <source>Offline allowance left: %1 points</source>
        <translation>离线兑换额度：还可兑换 %1 分</translation>
    </message>
</context>
<context>
    <name>DataSettingsDialog</name>
    <message>
        <source>Backup and lock settings</source>
        <translation>备份与锁定设置</translation>
    </message>
    <message>
        <source>Data safety</source>
        <translation>数据安全</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>备份位置</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>e.g. 2026-11-25</source>
        <translation>如 2026-11-25</translation>
    </message>
</context>
<context>
    <name>DuplicatesDialog</name>
    <message>
        <source>Possible duplicate people</source>
        <translation>疑似重复人员</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>First record</source>
        <translation>第一条记录</translation>
    </message>
    <message>
        <source>Second record</source>
        <translation>第二条记录</translation>
    </message>
    <message>
        <source>Merge, keeping the first</source>
        <translation>合并，保留第一条</translation>
    </message>
    <message>
        <source>Merge, keeping the second</source>
        <translation>合并，保留第二条</translation>
    </message>
    <message>
        <source>People of the same name without an ID number to tell them apart, registered here and at a station, or twice. Merge a pair that is one person: the other record goes to the recycle bin, its registrations and service hours move over.</source>
        <translation>同名、又没有身份证号可以区分的人员，可能在办公室和服务站各登记了一次，或重复登记。确认是同一人的，请合并：另一条记录放入回收站，它的登记和服务时长都转到保留的记录上。</translation>
    </message>
    <message>
        <source>No possible duplicates.</source>
        <translation>没有疑似重复的人员。</translation>
    </message>
</context>
<context>
    <name>EarnDialog</name>
    <message>
        <source>Record points</source>
        <translation>记积分</translation>
    </message>
    <message>
        <source>%1 (%2 points)</source>
        <translation>%1（%2分）</translation>
    </message>
    <message>
        <source>Other: an amount with its reason</source>
        <translation>其他：填写分值和事由</translation>
    </message>
    <message>
        <source>Earning item</source>
        <translation>积分项目</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>Exchange</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>phone numbers masked, ID numbers left out</source>
        <translation>电话号码已隐藏，身份证号未带入</translation>
    </message>
    <message>
        <source>ID and phone numbers in full</source>
        <translation>身份证号和电话号码完整带入</translation>
    </message>
    <message>
        <source>The station copy is saved as %1 (%2 records, %3). Take it to the station and open it there; bring its bundles back to import them here.</source>
        <translation>服务站副本已保存为 %1（%2 条记录，%3）。请把它带到服务站打开使用；服务站导出的交换包带回后在这里导入。</translation>
    </message>
    <message>
        <source>The bundle is saved as %1 (%2 changes).</source>
        <translation>交换包已保存为 %1（%2 项改动）。</translation>
    </message>
    <message>
        <source>Applied %1 changes; %2 were here already; %3 conflicts wait in Pending conflicts; %4 people were recognised as already registered.</source>
        <translation>已导入 %1 项改动；%2 项本来就有；%3 项冲突等待在“待处理冲突”中处理；%4 人识别为已登记的同一人。</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export an exchange bundle</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <source>Save the bundle as</source>
        <translation>交换包保存为</translation>
    </message>
    <message>
        <source>Exchange bundles (*.zip)</source>
        <translation>交换包 (*.zip)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>交给</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>交换包文件</translation>
    </message>
    <message>
        <source>This database exchanges with nobody yet: make a station copy at the office first.</source>
        <translation>这个数据库还没有交换对象：请先在办公室制作服务站副本。</translation>
    </message>
    <message>
        <source>Choose where to save the bundle.</source>
        <translation>请选择交换包的保存位置。</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>党员数</translation>
    </message>
    <message>
        <source>Meetings held / required</source>
        <translation>会议 已开/应开</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤率</translation>
    </message>
    <message>
        <source>Participation</source>
        <translation>参与率</translation>
    </message>
    <message>
        <source>Education coverage</source>
        <translation>教育覆盖率</translation>
    </message>
    <message>
        <source>Absent members</source>
        <translation>未参加人数</translation>
    </message>
    <message>
        <source>Party life figures</source>
        <translation>组织生活统计</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <source>Double-click a row to list its absent members</source>
        <translation>双击一行可列出其未参加组织生活的党员</translation>
    </message>
    <message>
        <source>Members to follow up</source>
        <translation>需跟进的党员</translation>
    </message>
    <message>
        <source>Absent from every meeting for six months</source>
        <translation>连续六个月未参加组织生活</translation>
    </message>
    <message>
        <source>Probationary, overdue for conversion</source>
        <translation>预备期已满未转正</translation>
    </message>
    <message>
        <source>Working away or lost contact for six months</source>
        <translation>流动或失联满六个月</translation>
    </message>
    <message>
        <source>In service, not reported in six months</source>
        <translation>在职党员六个月未报到</translation>
    </message>
    <message>
        <source>Type both dates</source>
        <translation>请填写起止日期</translation>
    </message>
    <message>
        <source>Not present at any meeting: %1, %2 – %3</source>
        <translation>%2至%3未参加任何会议：%1</translation>
    </message>
    <message>
        <source>Never recorded present</source>
        <translation>从未出席</translation>
    </message>
    <message>
        <source>Last present %1</source>
        <translation>最近出席：%1</translation>
    </message>
    <message>
        <source>Admitted %1, due for conversion %2</source>
        <translation>%1入党，应于%2转正</translation>
    </message>
    <message>
        <source>%1 since an unknown date</source>
        <translation>%1，起始日期不详</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%2起%1</translation>
    </message>
    <message>
        <source>Not reported to the community</source>
        <translation>未到社区报到</translation>
    </message>
    <message>
        <source>Last reported %1</source>
        <translation>最近报到：%1</translation>
    </message>
    <message>
        <source>Admitted %1</source>
        <translation>%1入党</translation>
    </message>
</context>
<context>
    <name>FindLabel</name>
    <message>
        <source>In the list, type a name&apos;s pinyin initials (zs for 张三), its full pinyin or its characters: the cursor jumps to the next person who matches, and 1, 2 or 3 then marks them. Type the same letters again for the next one.</source>
        <translation>在名单中输入姓名的拼音首字母（如 zs 找张三）、全拼或汉字，光标跳到下一个相符的人，再按 1、2、3 标记。再输入一次同样的字母，找下一个同名首字母的人。</translation>
    </message>
    <message>
        <source>The input method used that key: press Esc, then 1, 2 or 3</source>
        <translation>输入法用掉了这个键：先按 Esc，再按 1/2/3</translation>
    </message>
    <message>
        <source>Type initials to find a person</source>
        <translation>打拼音首字母找人</translation>
    </message>
    <message>
        <source>Find: %1</source>
        <translation>查找：%1</translation>
    </message>
    <message>
        <source>Find: %1 (nobody)</source>
        <translation>查找：%1（没有此人）</translation>
    </message>
</context>
<context>
    <name>FollowUpDialog</name>
    <message>
        <source>Follow-up visit</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>回访人</translation>
    </message>
    <message>
        <source>Agreement performed</source>
        <translation>协议履行情况</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Risk of relapse</source>
        <translation>反复风险</translation>
    </message>
    <message>
        <source>Action taken</source>
        <translation>采取措施</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>回访情况</translation>
    </message>
</context>
<context>
    <name>GoodsDialog</name>
    <message>
        <source>Catalogue item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Goods with a stock (not a service)</source>
        <translation>实物（计库存，服务项目不勾选）</translation>
    </message>
    <message>
        <source>Offered at the counter</source>
        <translation>可在兑换台兑换</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>物品</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>兑换积分</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>GridDialog</name>
    <message>
        <source>New grid</source>
        <translation>新增网格</translation>
    </message>
    <message>
        <source>Edit grid</source>
        <translation>修改网格</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Grid code</source>
        <translation>网格编号</translation>
    </message>
    <message>
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>GridWorkerDialog</name>
    <message>
        <source>New grid worker</source>
        <translation>新增网格员</translation>
    </message>
    <message>
        <source>Edit grid worker</source>
        <translation>修改网格员信息</translation>
    </message>
    <message>
        <source>Personal details</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Duties</source>
        <translation>岗位职责</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Full/part-time</source>
        <translation>专兼职</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>负责网格</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>负责楼栋</translation>
    </message>
    <message>
        <source>e.g. 1栋, 2栋, 3栋</source>
        <translation>如：1栋、2栋、3栋</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Started on</source>
        <translation>上岗日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>GridWorkersTab</name>
    <message>
        <source>All roles</source>
        <translation>全部岗位</translation>
    </message>
    <message>
        <source>Full- and part-time</source>
        <translation>专职和兼职</translation>
    </message>
    <message>
        <source>Include workers who left</source>
        <translation>含已离岗人员</translation>
    </message>
    <message>
        <source>Grids…</source>
        <translation>网格管理…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Grid-worker roster</source>
        <translation>网格员花名册</translation>
    </message>
    <message>
        <source>Grid-worker roster with full phone numbers</source>
        <translation>网格员花名册（完整电话）</translation>
    </message>
    <message>
        <source>Public boards, one page per grid</source>
        <translation>网格公示牌（每个网格一页）</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message numerus="yes">
        <source>%n grid worker(s) listed</source>
        <translation>
            <numerusform>列出 %n 名网格员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grid worker record(s)</source>
        <translation>
            <numerusform>%n 条网格员记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GridsDialog</name>
    <message>
        <source>Grids</source>
        <translation>网格管理</translation>
    </message>
    <message>
        <source>Delete grid %1? It goes to the recycle bin and can be restored.</source>
        <translation>确定删除网格“%1”吗？删除后放入回收站，可以恢复。</translation>
    </message>
</context>
<context>
    <name>HomeLists</name>
    <message>
        <source>Party anniversaries in %1</source>
        <translation>%1入党纪念日</translation>
    </message>
    <message>
        <source>Mediation cases open more than %1 days</source>
        <translation>调解超过%1天未结案的案件</translation>
    </message>
    <message>
        <source>Received %1, %2 days ago</source>
        <translation>受理于%1，已%2天</translation>
    </message>
    <message>
        <source>Mediation applications awaiting acceptance</source>
        <translation>调解申请待受理</translation>
    </message>
    <message>
        <source>Applied %1 at a service station</source>
        <translation>%1在服务站申请</translation>
    </message>
    <message>
        <source>Agreements due a follow-up visit</source>
        <translation>调解协议待回访</translation>
    </message>
    <message>
        <source>Closed %1, no follow-up visit yet</source>
        <translation>结案于%1，尚未回访</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>Deadline %1, %2</source>
        <translation>期限%1，%2</translation>
    </message>
    <message>
        <source>Incidents near or past their deadline</source>
        <translation>事件临近期限或超期</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>事件标题</translation>
    </message>
    <message>
        <source>Last visited %1</source>
        <translation>上次走访于%1</translation>
    </message>
    <message>
        <source>Never visited</source>
        <translation>从未走访</translation>
    </message>
    <message>
        <source>Households due a visit</source>
        <translation>到期应走访的户</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Care residents not visited this month</source>
        <translation>本月未走访的关爱对象</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Care tags</source>
        <translation>关爱对象</translation>
    </message>
</context>
<context>
    <name>HomeTab</name>
    <message>
        <source>To do today</source>
        <translation>今日待办</translation>
    </message>
    <message>
        <source>Meetings not yet held this month</source>
        <translation>本月未开会议</translation>
    </message>
    <message>
        <source>Members absent for six months</source>
        <translation>连续六个月未参加组织生活</translation>
    </message>
    <message>
        <source>Probation over, not yet full members</source>
        <translation>预备期已满未转正</translation>
    </message>
    <message>
        <source>Party anniversaries this month</source>
        <translation>本月入党纪念日</translation>
    </message>
    <message>
        <source>Mediation applications awaiting acceptance</source>
        <translation>调解申请待受理</translation>
    </message>
    <message>
        <source>Mediation cases open over 30 days</source>
        <translation>调解超过30天未结案</translation>
    </message>
    <message>
        <source>Agreements due a follow-up visit</source>
        <translation>调解协议待回访</translation>
    </message>
    <message>
        <source>Incidents near or past their deadline</source>
        <translation>事件临近期限或超期</translation>
    </message>
    <message>
        <source>Households due a visit</source>
        <translation>到期应走访的户</translation>
    </message>
    <message>
        <source>Care residents not visited this month</source>
        <translation>本月未走访的关爱对象</translation>
    </message>
    <message>
        <source>Go to meetings</source>
        <translation>去登记会议</translation>
    </message>
    <message>
        <source>View cases</source>
        <translation>查看案件</translation>
    </message>
    <message>
        <source>View incidents</source>
        <translation>查看事件</translation>
    </message>
    <message>
        <source>View list</source>
        <translation>查看名单</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>The to-do list could not be read: %1</source>
        <translation>待办事项读取失败：%1</translation>
    </message>
</context>
<context>
    <name>HouseholdDialog</name>
    <message>
        <source>New household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>户别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>HousesTab</name>
    <message>
        <source>Grid, building, room</source>
        <translation>网格、楼栋、门牌</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>户主</translation>
    </message>
    <message>
        <source>Registration</source>
        <translation>户别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>People living here</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Choose a room to see its households.</source>
        <translation>请在左侧选择门牌，查看住在这里的户。</translation>
    </message>
    <message>
        <source>New building</source>
        <translation>新增楼栋</translation>
    </message>
    <message>
        <source>New room</source>
        <translation>新增门牌</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Record a round of visits</source>
        <translation>走访登记</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>新增户</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>编辑户</translation>
    </message>
    <message>
        <source>Add a resident</source>
        <translation>添加居民</translation>
    </message>
    <message>
        <source>Households of %1</source>
        <translation>%1 的住户</translation>
    </message>
    <message>
        <source>Move %1 to the recycle bin? It can be restored from there.</source>
        <translation>把“%1”放入回收站？可以从回收站恢复。</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>No file chosen</source>
        <translation>尚未选择文件</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Update people already registered (blanks never erase)</source>
        <translation>更新已登记的人员（台账中的空白不会覆盖已有信息）</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Save rows not imported…</source>
        <translation>保存未导入的行…</translation>
    </message>
    <message>
        <source>Full ID and phone numbers in the saved rows (logged)</source>
        <translation>保存的未导入行中显示完整证件号码和电话（将记入操作日志）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Why it is not imported</source>
        <translation>未导入原因</translation>
    </message>
    <message>
        <source>Values to confirm (choose, then Check again):</source>
        <translation>需要确认的值（选择后再点“检查”）：</translation>
    </message>
    <message>
        <source>Columns (corrections are remembered):</source>
        <translation>对应的列（修改后会记住）：</translation>
    </message>
    <message>
        <source>Ledgers (%1)</source>
        <translation>台账文件（%1）</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>%1 already on record as written.</source>
        <translation>另有 %1 条已登记且内容相同，未作改动。</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>新建：%1</translation>
    </message>
    <message>
        <source>%1 values need an answer (below).</source>
        <translation>有 %1 个值需要确认（见下方）。</translation>
    </message>
    <message>
        <source>Import ledger: %1</source>
        <translation>导入%1</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>No header row with known column names was found in the first rows.</source>
        <translation>在前面几行中没有找到含有已知栏目名称的表头行。</translation>
    </message>
    <message>
        <source>%1 data rows found under the header in row %2.</source>
        <translation>在第 %2 行表头下找到 %1 行数据。</translation>
    </message>
    <message>
        <source>Choose the column for: %1</source>
        <translation>请为以下项目选择对应的列：%1</translation>
    </message>
    <message>
        <source>Check: of %4 rows, %1 would be imported, %5 updated; %2 invalid, %3 duplicates.</source>
        <translation>检查结果：共 %4 行，可导入 %1 行，更新 %5 行；有误 %2 行，重复 %3 行。</translation>
    </message>
    <message>
        <source>Of %4 rows, %1 imported, %5 updated; %2 invalid, %3 duplicates.</source>
        <translation>共 %4 行，已导入 %1 行，更新 %5 行；有误 %2 行，重复 %3 行。</translation>
    </message>
    <message>
        <source>Nothing was imported: %1</source>
        <translation>未导入任何数据：%1</translation>
    </message>
    <message>
        <source>Cancelled; nothing was written.</source>
        <translation>已取消，未写入任何数据。</translation>
    </message>
    <message>
        <source>Rows not imported</source>
        <translation>未导入的行</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Import an exchange bundle</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <source>Open a bundle</source>
        <translation>打开交换包</translation>
    </message>
    <message>
        <source>Exchange bundles (*.zip)</source>
        <translation>交换包 (*.zip)</translation>
    </message>
    <message>
        <source>Bundle file</source>
        <translation>交换包文件</translation>
    </message>
    <message>
        <source>Choose the bundle to import.</source>
        <translation>请选择要导入的交换包。</translation>
    </message>
    <message>
        <source>There is no such file.</source>
        <translation>没有这个文件。</translation>
    </message>
</context>
<context>
    <name>IncidentDialog</name>
    <message>
        <source>Report an incident</source>
        <translation>上报事件</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>上报信息</translation>
    </message>
    <message>
        <source>Given when the report is first saved</source>
        <translation>首次保存时自动编号</translation>
    </message>
    <message>
        <source>Incident number</source>
        <translation>事件编号</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所在网格</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>事件类别</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>事件标题</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>事件描述</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>反映人</translation>
    </message>
    <message>
        <source>Reporter&apos;s phone</source>
        <translation>反映人电话</translation>
    </message>
    <message>
        <source>May repeat an open report: %1</source>
        <translation>可能与未办结的事件重复：%1</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处置过程</translation>
    </message>
    <message>
        <source>Save the report first; then it can be accepted and handled.</source>
        <translation>请先保存上报信息，然后才能受理和处置。</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>With: %1</source>
        <translation>承办：%1</translation>
    </message>
    <message>
        <source> (overdue)</source>
        <translation>（已超期）</translation>
    </message>
    <message>
        <source> (due soon)</source>
        <translation>（即将到期）</translation>
    </message>
    <message>
        <source>Deadline: %1</source>
        <translation>期限：%1</translation>
    </message>
    <message>
        <source>Supervised (督办)</source>
        <translation>已督办</translation>
    </message>
    <message>
        <source>To whom (a person or a department):</source>
        <translation>分派给（人员或部门）：</translation>
    </message>
    <message>
        <source>The resident&apos;s rating:</source>
        <translation>群众评价：</translation>
    </message>
    <message>
        <source>Number of the incident it repeats:</source>
        <translation>与哪个事件重复（填写事件编号）：</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <source>Cannot take this step</source>
        <translation>不能进行这一步</translation>
    </message>
</context>
<context>
    <name>IncidentsTab</name>
    <message>
        <source>overdue</source>
        <translation>已超期</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source> · supervised</source>
        <translation> · 督办</translation>
    </message>
    <message>
        <source>Search: number, subject or who reported it</source>
        <translation>搜索：事件编号、标题或反映人</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Every state</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Near or past the deadline</source>
        <translation>只看临近期限或超期</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Incident sheet of the chosen incident</source>
        <translation>所选事件的事件处置单</translation>
    </message>
    <message>
        <source>Monthly grid report…</source>
        <translation>网格工作月报…</translation>
    </message>
    <message>
        <source>Select an incident first.</source>
        <translation>请先选择一个事件。</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) listed</source>
        <translation>
            <numerusform>列出 %n 件事件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s)</source>
        <translation>
            <numerusform>%n 件事件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndicatorsDialog</name>
    <message>
        <source>Score sheet %1</source>
        <translation>%1年评分表</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Full marks</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>Add indicator</source>
        <translation>添加指标</translation>
    </message>
    <message>
        <source>Remove indicator</source>
        <translation>删除指标</translation>
    </message>
    <message>
        <source>Copy the %1 sheet</source>
        <translation>复制%1年评分表</translation>
    </message>
    <message>
        <source>Use the example sheet</source>
        <translation>使用示例评分表</translation>
    </message>
    <message>
        <source>The example sheet (five indicators of 20) is only a starting point: use the indicators your office rates branches on. Removing an indicator removes its scores.</source>
        <translation>示例评分表（五项指标，各20分）只是一个起点：请使用本单位评定支部所用的指标。删除指标会同时删除其得分。</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Locked — enter the password of %1 to continue.</source>
        <translation>已锁定——请输入 %1 的密码以继续。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Sign in as someone else</source>
        <translation>换其他人登录</translation>
    </message>
    <message>
        <source>Quit the application</source>
        <translation>退出程序</translation>
    </message>
    <message>
        <source>Locked — another person may sign in with their own user name and password.</source>
        <translation>已锁定——其他人可以用自己的用户名和密码登录。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Community Desk: sign in to continue.</source>
        <translation>社区工作台：请登录后继续。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Community Desk</source>
        <translation>社区工作台</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Party life</source>
        <translation>组织生活</translation>
    </message>
    <message>
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>居民</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Mediation records</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <source>Moral bank</source>
        <translation>道德银行</translation>
    </message>
    <message>
        <source>Houses</source>
        <translation>房屋</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open a database file…</source>
        <translation>打开数据库文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Connect to a ser&amp;ver…</source>
        <translation>连接服务器(&amp;V)…</translation>
    </message>
    <message>
        <source>Recent &amp;databases</source>
        <translation>最近使用的数据库(&amp;D)</translation>
    </message>
    <message>
        <source>Office &amp;details…</source>
        <translation>单位信息设置(&amp;D)…</translation>
    </message>
    <message>
        <source>Backup and &amp;lock settings…</source>
        <translation>备份与锁定设置(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Import a ledger</source>
        <translation>导入台账(&amp;I)</translation>
    </message>
    <message>
        <source>Party members…</source>
        <translation>党员台账…</translation>
    </message>
    <message>
        <source>Grids and grid workers…</source>
        <translation>网格划分台账…</translation>
    </message>
    <message>
        <source>Mediation cases…</source>
        <translation>人民调解台账…</translation>
    </message>
    <message>
        <source>Volunteer service log…</source>
        <translation>志愿服务记录…</translation>
    </message>
    <message>
        <source>Population and housing…</source>
        <translation>人口房屋台账…</translation>
    </message>
    <message>
        <source>Make a s&amp;tation copy…</source>
        <translation>制作服务站副本(&amp;T)…</translation>
    </message>
    <message>
        <source>E&amp;xport an exchange bundle…</source>
        <translation>导出交换包(&amp;X)…</translation>
    </message>
    <message>
        <source>Import an e&amp;xchange bundle…</source>
        <translation>导入交换包(&amp;X)…</translation>
    </message>
    <message>
        <source>Registers entered at &amp;stations…</source>
        <translation>服务站可录入的登记簿(&amp;S)…</translation>
    </message>
    <message>
        <source>Pending &amp;conflicts…</source>
        <translation>待处理冲突(&amp;C)…</translation>
    </message>
    <message>
        <source>Possible &amp;duplicate people…</source>
        <translation>疑似重复人员(&amp;D)…</translation>
    </message>
    <message>
        <source>Write a &amp;notice or public notice…</source>
        <translation>撰写通知/公示(&amp;N)…</translation>
    </message>
    <message>
        <source>Monthly &amp;summary…</source>
        <translation>月度工作统计(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>立即备份(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Check the database</source>
        <translation>检查数据库(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>Re&amp;fresh the list</source>
        <translation>刷新列表(&amp;F)</translation>
    </message>
    <message>
        <source>Recycle &amp;bin…</source>
        <translation>回收站(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Party life</source>
        <translation>党建(&amp;P)</translation>
    </message>
    <message>
        <source>Members&apos; &amp;points…</source>
        <translation>党员积分(&amp;P)…</translation>
    </message>
    <message>
        <source>Branch &amp;star ratings…</source>
        <translation>五星支部评定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Account</source>
        <translation>账号(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Lock now</source>
        <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
        <source>Change my &amp;password…</source>
        <translation>修改我的密码(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Accounts and roles…</source>
        <translation>账号与角色(&amp;A)…</translation>
    </message>
    <message>
        <source>Operation &amp;log…</source>
        <translation>操作日志(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>Signed in: %1 (%2)</source>
        <translation>当前用户：%1（%2）</translation>
    </message>
    <message>
        <source>About Community Desk</source>
        <translation>关于社区工作台</translation>
    </message>
    <message>
        <source>Community Desk keeps the community office&apos;s registers offline.</source>
        <translation>社区工作台：社区办公室离线使用的台账管理软件。</translation>
    </message>
    <message>
        <source>Station copy: %1</source>
        <translation>服务站副本：%1</translation>
    </message>
    <message>
        <source>%1 (station copy)</source>
        <translation>%1（服务站副本）</translation>
    </message>
    <message>
        <source>Office · %1 stations</source>
        <translation>办公室 · %1 个服务站</translation>
    </message>
    <message>
        <source>%1 conflicts pending</source>
        <translation>%1 项待处理冲突</translation>
    </message>
    <message>
        <source>Make a station copy</source>
        <translation>制作服务站副本</translation>
    </message>
    <message>
        <source>Copying the office&apos;s records…</source>
        <translation>正在复制办公室的数据…</translation>
    </message>
    <message>
        <source>Export an exchange bundle</source>
        <translation>导出交换包</translation>
    </message>
    <message>
        <source>Writing the bundle…</source>
        <translation>正在写入交换包…</translation>
    </message>
    <message>
        <source>Import an exchange bundle</source>
        <translation>导入交换包</translation>
    </message>
    <message>
        <source>Checking and applying the bundle…</source>
        <translation>正在检查并导入交换包…</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Open a database file</source>
        <translation>打开数据库文件</translation>
    </message>
    <message>
        <source>Community Desk databases (*.sqlite3 *.db);;All files (*)</source>
        <translation>社区工作台数据库 (*.sqlite3 *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This database is already open.</source>
        <translation>这个数据库已经打开。</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>The database file %1 is not there any more (moved, renamed, or on a drive that is not plugged in).</source>
        <translation>数据库文件“%1”已不在原处（可能已移动、改名，或所在的移动硬盘、U 盘未插入）。</translation>
    </message>
    <message>
        <source>On a server, the administrator checks the database</source>
        <translation>在服务器上由管理员检查数据库</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>未能恢复</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>已恢复</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Restoring the server&apos;s database…</source>
        <translation>正在恢复服务器上的数据库…</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) being edited have changes that are not saved. Quit and discard them?</source>
        <translation>
            <numerusform>有 %n 条正在编辑的记录尚未保存。退出并放弃这些修改吗？</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediationTab</name>
    <message>
        <source>All dispute types</source>
        <translation>全部纠纷类型</translation>
    </message>
    <message>
        <source>All tiers</source>
        <translation>全部层级</translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>受理日期从</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Mediators…</source>
        <translation>调解员管理…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Case register sheet</source>
        <translation>受理登记表</translation>
    </message>
    <message>
        <source>Mediation agreement (one copy per party)</source>
        <translation>调解协议书（每方当事人一份）</translation>
    </message>
    <message>
        <source>Follow-up record</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>Select a case first.</source>
        <translation>请先选择一件案件。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s) listed</source>
        <translation>
            <numerusform>列出 %n 件案件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mediation case(s)</source>
        <translation>
            <numerusform>%n 件调解案件</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MediatorDialog</name>
    <message>
        <source>New mediator</source>
        <translation>新增调解员</translation>
    </message>
    <message>
        <source>Edit mediator</source>
        <translation>修改调解员信息</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>调解层级</translation>
    </message>
    <message>
        <source>Serving since</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>MediatorsDialog</name>
    <message>
        <source>Mediators</source>
        <translation>调解员管理</translation>
    </message>
    <message>
        <source>Delete mediator %1? The record goes to the recycle bin and can be restored.</source>
        <translation>确定删除调解员“%1”吗？记录会放入回收站，可以恢复。</translation>
    </message>
</context>
<context>
    <name>MeetingDialog</name>
    <message>
        <source>New meeting</source>
        <translation>新会议</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>会议</translation>
    </message>
    <message>
        <source>Meeting and attendance</source>
        <translation>会议与出勤</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>主讲人</translation>
    </message>
    <message>
        <source>Minutes (summary)</source>
        <translation>会议纪要（摘要）</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>出勤</translation>
    </message>
    <message>
        <source>All present</source>
        <translation>全部出席</translation>
    </message>
    <message>
        <source>Add a member from another branch…</source>
        <translation>添加其他支部的党员…</translation>
    </message>
    <message>
        <source>Print sign-in sheet…</source>
        <translation>打印签到表…</translation>
    </message>
    <message>
        <source>The sheet members sign at the meeting, in the order of this list: mark attendance afterwards going down both together</source>
        <translation>会上党员签名用的签到表，顺序与本名单相同：会后对照签到表从上往下登记出勤</translation>
    </message>
    <message>
        <source>Keys: letters find a person (pinyin initials such as zs, or the name) · 1 present · 2 on leave (type the reason, Enter) · 3 absent · Space cycles · Up/Down move · Ctrl+S or Enter saves</source>
        <translation>按键：打字母找人（拼音首字母如 zs，或姓名）· 1 出席 · 2 请假（输入事由后按回车）· 3 缺席 · 空格切换 · 上/下移动 · Ctrl+S 或回车保存</translation>
    </message>
    <message>
        <source>Present %1 · On leave %2 · Absent %3</source>
        <translation>出席 %1 · 请假 %2 · 缺席 %3</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>New party member</source>
        <translation>新增党员</translation>
    </message>
    <message>
        <source>Edit party member</source>
        <translation>修改党员信息</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Native place</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <source>Branch / party group</source>
        <translation>所在支部/党小组</translation>
    </message>
    <message>
        <source>Member type</source>
        <translation>党员类型</translation>
    </message>
    <message>
        <source>Admitted on</source>
        <translation>入党时间</translation>
    </message>
    <message>
        <source>Made full member on</source>
        <translation>转正时间</translation>
    </message>
    <message>
        <source>More details</source>
        <translation>其他信息</translation>
    </message>
    <message>
        <source> months</source>
        <translation> 个月</translation>
    </message>
    <message>
        <source>Probation extended</source>
        <translation>延长预备期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Category since</source>
        <translation>类别变更日期</translation>
    </message>
    <message>
        <source>Employer and post</source>
        <translation>工作单位及职务</translation>
    </message>
    <message>
        <source>Member details</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Transferred in on</source>
        <translation>组织关系转入日期</translation>
    </message>
    <message>
        <source>In-service member reported to community</source>
        <translation>在职党员到社区报到</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>报到日期</translation>
    </message>
    <message>
        <source>Reporting employer</source>
        <translation>报到单位</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Party life</source>
        <translation>组织生活</translation>
    </message>
    <message>
        <source>Last 12 months: invited to %1 meeting(s) — present %2, on leave %3, absent %4.</source>
        <translation>近12个月：应参加会议 %1 次——出席 %2 次，请假 %3 次，缺席 %4 次。</translation>
    </message>
    <message>
        <source>Points in %1: %2</source>
        <translation>%1年积分：%2</translation>
    </message>
</context>
<context>
    <name>MemberListDialog</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s)</source>
        <translation>
            <numerusform>共 %n 名党员</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>共 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>MemberPicker</name>
    <message>
        <source>Add a member from another branch</source>
        <translation>添加其他支部的党员</translation>
    </message>
    <message>
        <source>Name or pinyin initials (zs), then Enter</source>
        <translation>姓名或拼音首字母（如 zs），然后按回车</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MembersTab</name>
    <message>
        <source>Probation is over: due for conversion to full member</source>
        <translation>预备期已满，应办理转正</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All members</source>
        <translation>全部党员</translation>
    </message>
    <message>
        <source>Overdue probation</source>
        <translation>预备期已满未转正</translation>
    </message>
    <message>
        <source>Working away</source>
        <translation>流动党员</translation>
    </message>
    <message>
        <source>Lost contact</source>
        <translation>失联党员</translation>
    </message>
    <message>
        <source>Including former members</source>
        <translation>含已转出等历史党员</translation>
    </message>
    <message>
        <source>Print roster…</source>
        <translation>打印花名册…</translation>
    </message>
    <message>
        <source>member roster</source>
        <translation>党员花名册</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部支部</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) listed</source>
        <translation>
            <numerusform>列出 %n 名党员</numerusform>
        </translation>
    </message>
    <message>
        <source>overdue probation %1, working away %2, lost contact %3</source>
        <translation>预备期满未转正 %1 人，流动党员 %2 人，失联党员 %3 人</translation>
    </message>
    <message numerus="yes">
        <source>%n party member record(s)</source>
        <translation>
            <numerusform>%n 条党员记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MonthDialog</name>
    <message>
        <source>Monthly summary</source>
        <translation>月度工作统计</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
</context>
<context>
    <name>NoticeDialog</name>
    <message>
        <source>Notice / public notice</source>
        <translation>通知/公示</translation>
    </message>
    <message>
        <source>Notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Notice (通知)</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>Public notice (公示)</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发文单位</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>To</source>
        <translation>主送</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Text (一、 （一） 1. start headings)</source>
        <translation>正文（以“一、”“（一）”“1.”开头的行为标题）</translation>
    </message>
    <message>
        <source>Table (optional; one row per line, columns separated by commas)</source>
        <translation>表格（可选；每行一条，各栏用逗号分隔；身份证号、手机号自动隐藏）</translation>
    </message>
</context>
<context>
    <name>OfficeSettingsDialog</name>
    <message>
        <source>Office details</source>
        <translation>单位信息设置</translation>
    </message>
    <message>
        <source>Printed on documents</source>
        <translation>文书落款信息</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>本机设置</translation>
    </message>
    <message>
        <source>Automatic (仿宋/宋体/黑体, WenQuanYi …)</source>
        <translation>自动选择（仿宋、宋体、黑体、文泉驿等）</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Font for PDFs (TrueType .ttf/.ttc)</source>
        <translation>PDF 字体（TrueType .ttf/.ttc）</translation>
    </message>
    <message>
        <source>Font for PDFs</source>
        <translation>PDF 字体</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>Opening</name>
    <message>
        <source>Connecting to the server %1…</source>
        <translation>正在连接服务器 %1…</translation>
    </message>
    <message>
        <source>Community Desk</source>
        <translation>社区工作台</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Cannot connect to the server</source>
        <translation>无法连接服务器</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Open this computer&apos;s database</source>
        <translation>打开本机的数据库</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>PartyDialog</name>
    <message>
        <source>Party</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>职业</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address or employer</source>
        <translation>住址或工作单位</translation>
    </message>
</context>
<context>
    <name>PartyLifeTab</name>
    <message>
        <source>Search: topic, place or speaker</source>
        <translation>搜索：主题、地点或主讲人</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Schedules…</source>
        <translation>会议计划…</translation>
    </message>
    <message>
        <source>All organisations</source>
        <translation>全部组织</translation>
    </message>
    <message numerus="yes">
        <source>%n meeting(s) listed</source>
        <translation>
            <numerusform>列出 %n 次会议</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n meeting record(s)</source>
        <translation>
            <numerusform>%n 条会议记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Print preview — %1</source>
        <translation>打印预览 — %1</translation>
    </message>
    <message>
        <source>of %1 pages</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为 PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>第</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>The printer could not be opened.</source>
        <translation>无法打开打印机。</translation>
    </message>
    <message>
        <source>Save as PDF</source>
        <translation>另存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>未能保存：%1</translation>
    </message>
</context>
<context>
    <name>PeriodChooser</name>
    <message>
        <source>All dates</source>
        <translation>全部日期</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <source>This quarter</source>
        <translation>本季度</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>本年</translation>
    </message>
    <message>
        <source>Last 12 months</source>
        <translation>近12个月</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>自定义…</translation>
    </message>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>PeriodDialog</name>
    <message>
        <source>Period</source>
        <translation>统计期间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Filled in from the ID number</source>
        <translation>由身份证号自动填写</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Ethnicity</source>
        <translation>民族</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Home address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所在网格</translation>
    </message>
</context>
<context>
    <name>PersonRolesBar</name>
    <message>
        <source>Party member record</source>
        <translation>党员记录</translation>
    </message>
    <message>
        <source>Grid worker record</source>
        <translation>网格员记录</translation>
    </message>
    <message>
        <source>Volunteer record</source>
        <translation>志愿者记录</translation>
    </message>
    <message>
        <source>Mediator record</source>
        <translation>调解员记录</translation>
    </message>
    <message>
        <source>Resident record</source>
        <translation>居民信息</translation>
    </message>
    <message>
        <source>Same person also has:</source>
        <translation>此人还有：</translation>
    </message>
</context>
<context>
    <name>PointRulesDialog</name>
    <message>
        <source>Point rules</source>
        <translation>积分规则</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Up to (a range)</source>
        <translation>最高（范围）</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <source>Remove rule</source>
        <translation>删除规则</translation>
    </message>
    <message>
        <source>Base is given once a year; attended and absent are awarded from each meeting&apos;s attendance; the floor is the lowest yearly total. Changes apply to new lines.</source>
        <translation>基础分每年计一次；出席和缺席按每次会议的出勤自动计分；最低分是全年总分的下限。修改只对新记录生效。</translation>
    </message>
</context>
<context>
    <name>PointsDialog</name>
    <message>
        <source>Party members&apos; points</source>
        <translation>党员积分</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部支部</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>支部</translation>
    </message>
    <message>
        <source>Point rules…</source>
        <translation>积分规则…</translation>
    </message>
    <message>
        <source>Print ranking notice</source>
        <translation>打印积分排名公示</translation>
    </message>
    <message>
        <source>Select a member to see the year&apos;s points.</source>
        <translation>选择一名党员，查看其本年度积分。</translation>
    </message>
    <message>
        <source>Add points…</source>
        <translation>加积分…</translation>
    </message>
    <message>
        <source>Delete line</source>
        <translation>删除此条</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1: base %2, total %3</source>
        <translation>%1：基础分 %2，总分 %3</translation>
    </message>
    <message>
        <source>Points from attendance change with the meeting&apos;s attendance.</source>
        <translation>出勤积分随会议的出勤情况自动变化。</translation>
    </message>
    <message>
        <source>Delete %1 points for “%2”?</source>
        <translation>删除“%2”的 %1 分吗？</translation>
    </message>
    <message>
        <source>The notice lists %1 members (about %2 pages). Choose a branch to print a shorter one. Print all?</source>
        <translation>公示将列出 %1 名党员（约 %2 页）。可以先选择一个支部，打印较短的公示。仍要全部打印吗？</translation>
    </message>
    <message>
        <source>The ranking (%1 members) is attached as printed.</source>
        <translation>排名（%1 名党员）已作为附表印出。</translation>
    </message>
</context>
<context>
    <name>PointsTab</name>
    <message>
        <source>Counter…</source>
        <translation>兑换台…</translation>
    </message>
    <message>
        <source>Credit ended notices</source>
        <translation>公示期满入账</translation>
    </message>
    <message>
        <source>Good-deed claims…</source>
        <translation>好人好事申报…</translation>
    </message>
    <message>
        <source>Catalogue and shops…</source>
        <translation>物品目录和商家…</translation>
    </message>
    <message>
        <source>Stations and overdrafts…</source>
        <translation>服务站与透支…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>积分设置…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Monthly report for %1</source>
        <translation>%1 月报</translation>
    </message>
    <message>
        <source>Monthly report for this month</source>
        <translation>本月月报</translation>
    </message>
    <message>
        <source>Role-model nominations for %1</source>
        <translation>%1年道德榜样推荐名单</translation>
    </message>
    <message>
        <source>Open an account</source>
        <translation>开户</translation>
    </message>
    <message>
        <source>Passbook</source>
        <translation>积分存折</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s) listed</source>
        <translation>
            <numerusform>列出 %n 个积分账户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n points account(s)</source>
        <translation>
            <numerusform>%n 个积分账户</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n claim(s) credited</source>
        <translation>
            <numerusform>%n 件申报已入账</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>grid-worker roster</source>
        <translation>网格员花名册</translation>
    </message>
    <message>
        <source>grid public boards</source>
        <translation>网格公示牌</translation>
    </message>
    <message>
        <source>case register sheet</source>
        <translation>受理登记表</translation>
    </message>
    <message>
        <source>mediation agreement</source>
        <translation>调解协议书</translation>
    </message>
    <message>
        <source>follow-up record</source>
        <translation>回访记录</translation>
    </message>
    <message>
        <source>certificate of volunteer service</source>
        <translation>志愿服务证明</translation>
    </message>
    <message>
        <source>monthly summary</source>
        <translation>月度工作统计</translation>
    </message>
    <message>
        <source>notice</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>incident sheet</source>
        <translation>事件处置单</translation>
    </message>
    <message>
        <source>monthly grid report</source>
        <translation>网格工作月报</translation>
    </message>
    <message>
        <source>redemption slip</source>
        <translation>兑换凭证</translation>
    </message>
    <message>
        <source>passbook</source>
        <translation>积分存折</translation>
    </message>
    <message>
        <source>moral bank monthly report</source>
        <translation>道德银行月报</translation>
    </message>
    <message>
        <source>shop settlement</source>
        <translation>合作商家结算单</translation>
    </message>
    <message>
        <source>role-model nominations</source>
        <translation>道德榜样推荐名单</translation>
    </message>
    <message>
        <source>Preparing %1…</source>
        <translation>正在生成%1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未能打印</translation>
    </message>
</context>
<context>
    <name>RatingsDialog</name>
    <message>
        <source>Branch star ratings</source>
        <translation>五星支部评定</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Indicators…</source>
        <translation>评分指标…</translation>
    </message>
    <message>
        <source>Star thresholds…</source>
        <translation>星级分数线…</translation>
    </message>
    <message>
        <source>History</source>
        <translation>历年评定</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Stars</source>
        <translation>星级</translation>
    </message>
    <message>
        <source>Save scores</source>
        <translation>保存得分</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Out of 100</source>
        <translation>折合百分制</translation>
    </message>
    <message>
        <source>There is no score sheet for %1 yet: set up its indicators (copy last year&apos;s or start from the example).</source>
        <translation>%1年还没有评分表：请先设置评分指标（可复制上一年的，或从示例开始）。</translation>
    </message>
    <message>
        <source>History (select a branch)</source>
        <translation>历年评定（请选择支部）</translation>
    </message>
    <message>
        <source>History of %1</source>
        <translation>%1历年评定</translation>
    </message>
    <message>
        <source>Unsaved scores</source>
        <translation>得分未保存</translation>
    </message>
    <message>
        <source>Discard the scores typed since the last save?</source>
        <translation>放弃上次保存以来输入的得分吗？</translation>
    </message>
</context>
<context>
    <name>ReasonDelegate</name>
    <message>
        <source>Reason, then Enter</source>
        <translation>输入事由后按回车</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>有未保存的修改</translation>
    </message>
    <message>
        <source>Discard the changes to this record?</source>
        <translation>放弃对这条记录的修改吗？</translation>
    </message>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Reload the record</source>
        <translation>重新载入这条记录</translation>
    </message>
    <message>
        <source>Keep my changes on screen</source>
        <translation>保留我的修改在屏幕上</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>放弃修改</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>继续编辑</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The record could not be saved: %1</source>
        <translation>记录未能保存：%1</translation>
    </message>
</context>
<context>
    <name>RecordListDialog</name>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>The database cannot be opened</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Restore this backup</source>
        <translation>恢复这份备份</translation>
    </message>
    <message>
        <source>Choose another backup…</source>
        <translation>选择其他备份…</translation>
    </message>
    <message>
        <source>Try again</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Install the newer version of Community Desk to open this file. Or put back a backup this version can open (the file is kept aside).</source>
        <translation>请安装更新版本的社区工作台来打开这个文件；也可以恢复一份本版本能打开的备份（原文件会另行保留）。</translation>
    </message>
    <message>
        <source>The file is not damaged: close the program that is using it, then Try again.</source>
        <translation>文件没有损坏：请关闭正在使用它的程序，然后点“重试”。</translation>
    </message>
    <message>
        <source>The file is kept aside as it is if you put back a backup.</source>
        <translation>如果恢复备份，原文件会原样另行保留。</translation>
    </message>
    <message>
        <source>No good backup was found in: %1</source>
        <translation>在以下位置没有找到完好的备份：%1</translation>
    </message>
    <message>
        <source>The latest good backup: %1, %2 (%3), in %4</source>
        <translation>最近一份完好的备份：%1，%2（%3），位于 %4</translation>
    </message>
    <message>
        <source>empty</source>
        <translation>空</translation>
    </message>
</context>
<context>
    <name>RecycleBinDialog</name>
    <message>
        <source>Recycle bin</source>
        <translation>回收站</translation>
    </message>
    <message>
        <source>Restore selected</source>
        <translation>恢复所选记录</translation>
    </message>
    <message>
        <source>Delete permanently…</source>
        <translation>永久删除…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Deleted records stay here until restored.</source>
        <translation>删除的记录保存在这里，可随时恢复。</translation>
    </message>
    <message>
        <source>Your account may not restore records.</source>
        <translation>当前账号无权恢复记录。</translation>
    </message>
    <message>
        <source>Delete permanently</source>
        <translation>永久删除</translation>
    </message>
    <message numerus="yes">
        <source>Erase %n record(s) for good? This cannot be undone; only a backup made before now still holds them.</source>
        <translation>
            <numerusform>永久删除这 %n 条记录吗？此操作无法撤销，只有此前的备份中还保留着它们。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not deleted</source>
        <translation>未能删除</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) deleted permanently</source>
        <translation>
            <numerusform>已永久删除 %n 条记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) restored</source>
        <translation>
            <numerusform>已恢复 %n 条记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <source>Search: name, pinyin initials (zs), ID tail or phone</source>
        <translation>姓名 / 拼音首字母 / 证件或电话尾号</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>%n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <source>Listing…</source>
        <translation>正在列出…</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <source>ID and phone numbers masked…</source>
        <translation>身份证号和电话打码…</translation>
    </message>
    <message>
        <source>Full ID and phone numbers…</source>
        <translation>显示完整号码…</translation>
    </message>
    <message>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <source>%1 rows exported to %2</source>
        <translation>已导出 %1 行到 %2</translation>
    </message>
    <message>
        <source>Delete %1? They go to the recycle bin and can be restored (Ctrl+Z undoes).</source>
        <translation>确定删除%1吗？删除的记录会放入回收站，可以恢复（按 Ctrl+Z 撤销）。</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>删除%1</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>New password for %1. Tell the person, and ask them to change it.</source>
        <translation>为 %1 设置新密码。请告知本人，并请其登录后修改。</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>再次输入新密码</translation>
    </message>
</context>
<context>
    <name>ResidentDialog</name>
    <message>
        <source>New resident</source>
        <translation>新增居民</translation>
    </message>
    <message>
        <source>Edit resident</source>
        <translation>编辑居民</translation>
    </message>
    <message>
        <source>Personal details</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>所在户</translation>
    </message>
    <message>
        <source>(not in a household yet)</source>
        <translation>（尚未登记到户）</translation>
    </message>
    <message>
        <source>Relation to the head</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Permanent or floating</source>
        <translation>常住或流动</translation>
    </message>
    <message>
        <source>Place of household registration</source>
        <translation>户籍地</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Care tags</source>
        <translation>关爱对象</translation>
    </message>
    <message>
        <source> (sensitive)</source>
        <translation>（敏感）</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ResidentsTab</name>
    <message>
        <source>Permanent and floating</source>
        <translation>常住和流动</translation>
    </message>
    <message>
        <source>Care tags…</source>
        <translation>关爱对象类别…</translation>
    </message>
    <message>
        <source>All grids</source>
        <translation>全部网格</translation>
    </message>
    <message>
        <source>All residents</source>
        <translation>全部居民</translation>
    </message>
    <message numerus="yes">
        <source>%n resident(s) listed</source>
        <translation>
            <numerusform>列出 %n 位居民</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n resident record(s)</source>
        <translation>
            <numerusform>%n 条居民记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to put back. The data now in %1 is backed up first, so the restore can itself be undone.</source>
        <translation>请选择要恢复的备份。%1 中现有的数据会先备份，所以这次恢复本身也可以撤回。</translation>
    </message>
    <message>
        <source>No backups were found in: %1</source>
        <translation>在以下位置没有找到备份：%1</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message>
        <source>Put back the backup of %1? What is in the database now is replaced by it (and backed up first).</source>
        <translation>恢复 %1 的备份吗？数据库中现有的内容将被替换（替换前会先备份）。</translation>
    </message>
    <message>
        <source>The backup holds: %1</source>
        <translation>备份中有：%1</translation>
    </message>
</context>
<context>
    <name>RevealButton</name>
    <message>
        <source>Show full numbers</source>
        <translation>显示完整号码</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <source>Not shown</source>
        <translation>未显示</translation>
    </message>
    <message>
        <source>The full numbers could not be read: %1</source>
        <translation>无法读取完整号码：%1</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <source>Change role</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>Role of %1</source>
        <translation>%1 的角色</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
</context>
<context>
    <name>RoomDialog</name>
    <message>
        <source>New room</source>
        <translation>新增门牌</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>门牌</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>楼层</translation>
    </message>
    <message>
        <source>Door number</source>
        <translation>门牌号</translation>
    </message>
    <message>
        <source>e.g. 301</source>
        <translation>如 301</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>房屋用途</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>RosterOptionsDialog</name>
    <message>
        <source>Print member roster</source>
        <translation>打印党员花名册</translation>
    </message>
    <message>
        <source>Mask ID and phone numbers (410302********1234)</source>
        <translation>隐藏身份证号和电话的中间几位（410302********1234）</translation>
    </message>
    <message>
        <source>Only an administrator may print full ID and phone numbers.</source>
        <translation>只有管理员可以打印完整的身份证号和电话。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Columns (the roster lists the members shown in the tab):</source>
        <translation>栏目（花名册列出当前表格中的党员）：</translation>
    </message>
</context>
<context>
    <name>RoundDialog</name>
    <message>
        <source>Visits to %1</source>
        <translation>%1 走访登记</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>Together with</source>
        <translation>同行人员</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>户</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现情况</translation>
    </message>
    <message>
        <source>Follow up</source>
        <translation>需跟进</translation>
    </message>
</context>
<context>
    <name>Safety</name>
    <message>
        <source>You can put back a good copy with File → Restore from a backup…; the current file is backed up first.</source>
        <translation>可以通过“文件 → 从备份恢复…”恢复一份完好的备份；恢复前会先备份当前文件。</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>正在检查数据库…</translation>
    </message>
    <message>
        <source>Check the database</source>
        <translation>检查数据库</translation>
    </message>
    <message>
        <source>Database checked</source>
        <translation>数据库检查完成</translation>
    </message>
    <message>
        <source>The database has a problem</source>
        <translation>数据库有问题</translation>
    </message>
    <message>
        <source>The database is in use</source>
        <translation>数据库正在使用中</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Not restored</source>
        <translation>未能恢复</translation>
    </message>
    <message>
        <source>The backup is saved as %1 (%2) in %3.</source>
        <translation>备份已保存为 %1（%2），位于 %3。</translation>
    </message>
    <message>
        <source>Not backed up</source>
        <translation>未能备份</translation>
    </message>
    <message>
        <source>Backing up to %1…</source>
        <translation>正在备份到 %1…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Backing up the server&apos;s database…</source>
        <translation>正在备份服务器上的数据库…</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>备份完成</translation>
    </message>
    <message>
        <source>Backed up automatically: %1 (%2)</source>
        <translation>已自动备份：%1（%2）</translation>
    </message>
    <message>
        <source>Backing up… %1%</source>
        <translation>正在备份… %1%</translation>
    </message>
    <message>
        <source>The automatic backup failed: %1</source>
        <translation>自动备份失败：%1</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>正在备份…</translation>
    </message>
    <message>
        <source>Backing up before closing…</source>
        <translation>关闭前正在备份…</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>The backup of %1 is restored.</source>
        <translation>已恢复 %1 的备份。</translation>
    </message>
    <message>
        <source>The backup of %1 is restored. The data as it was just before is kept in %2.</source>
        <translation>已恢复 %1 的备份。恢复前的数据保存在 %2。</translation>
    </message>
</context>
<context>
    <name>SchedulesDialog</name>
    <message>
        <source>Meeting schedules</source>
        <translation>会议计划</translation>
    </message>
    <message>
        <source>Meeting kind</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Applies to</source>
        <translation>适用于</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <source>Times per period</source>
        <translation>每周期次数</translation>
    </message>
    <message>
        <source>Counts</source>
        <translation>计入</translation>
    </message>
    <message>
        <source>Add a line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove the line</source>
        <translation>删除此行</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Which meetings each organisation owes, e.g. a branch committee meeting every month and a party lecture every quarter. Missing meetings are counted from these lines.</source>
        <translation>每个组织应开哪些会议，例如支委会每月一次、党课每季度一次。未开会议按这些计划统计。</translation>
    </message>
    <message>
        <source>All branches</source>
        <translation>全部支部</translation>
    </message>
    <message>
        <source>All party groups</source>
        <translation>全部党小组</translation>
    </message>
    <message>
        <source>The community committee</source>
        <translation>社区党委</translation>
    </message>
</context>
<context>
    <name>ServerPasswordDialog</name>
    <message>
        <source>Password for the server</source>
        <translation>服务器密码</translation>
    </message>
    <message>
        <source>Community Desk works on the database %1 on the server. Enter the password of the user %2.</source>
        <translation>社区工作台使用服务器上的数据库 %1。请输入用户 %2 的密码。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>Create the administrator account</source>
        <translation>创建管理员账号</translation>
    </message>
    <message>
        <source>This is the first start: create the administrator account. The office chooses the password; write it down and keep it somewhere safe, because nobody can look it up later. The password needs at least %1 characters.</source>
        <translation>这是第一次启动：请创建管理员账号。密码由本单位自行设定，请记下并妥善保管，忘记后无法查询。密码至少需要%1位。</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>An account already exists. Close this window and sign in with it.</source>
        <translation>已经有账号了。请关闭此窗口，用已有账号登录。</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
</context>
<context>
    <name>StationDialog</name>
    <message>
        <source>Make a station copy</source>
        <translation>制作服务站副本</translation>
    </message>
    <message>
        <source>e.g. 幸福驿站</source>
        <translation>如：幸福驿站</translation>
    </message>
    <message>
        <source>Save the station copy as</source>
        <translation>服务站副本保存为</translation>
    </message>
    <message>
        <source>Database files (*.sqlite3)</source>
        <translation>数据库文件 (*.sqlite3)</translation>
    </message>
    <message>
        <source>Include ID and phone numbers in full</source>
        <translation>完整带入身份证号和电话号码</translation>
    </message>
    <message>
        <source>Without them, phone numbers are masked and ID numbers left out: the laptop travels. The station&apos;s accounts are the office&apos;s, with the same passwords.</source>
        <translation>不勾选时，电话号码隐藏中间几位、身份证号不带入：笔记本电脑要带出办公室。服务站的账号与办公室相同，密码也相同。</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>服务站名称</translation>
    </message>
    <message>
        <source>New file</source>
        <translation>新文件</translation>
    </message>
    <message>
        <source>Enter the station&apos;s name.</source>
        <translation>请填写服务站名称。</translation>
    </message>
    <message>
        <source>Choose where to save the station copy.</source>
        <translation>请选择服务站副本的保存位置。</translation>
    </message>
    <message>
        <source>That file exists already: choose a new name.</source>
        <translation>这个文件已存在，请换一个文件名。</translation>
    </message>
</context>
<context>
    <name>StationRegistersDialog</name>
    <message>
        <source>Registers entered at stations</source>
        <translation>服务站可录入的登记簿</translation>
    </message>
    <message>
        <source>Volunteers and service hours</source>
        <translation>志愿者与志愿服务时长</translation>
    </message>
    <message>
        <source>Meetings and attendance</source>
        <translation>会议与出勤（三会一课）</translation>
    </message>
    <message>
        <source>Mediation applications (accepted here at the office)</source>
        <translation>调解申请（由办公室受理）</translation>
    </message>
    <message>
        <source>Party members</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Houses and residents</source>
        <translation>房屋与居民</translation>
    </message>
    <message>
        <source>Stations enter records in the registers ticked here and show the others to read. Each station takes the choice with the next bundle it imports from the office.</source>
        <translation>服务站可以在这里勾选的登记簿中录入记录，其余登记簿只能查看。各服务站导入办公室的下一个交换包后生效。</translation>
    </message>
</context>
<context>
    <name>StationsDialog</name>
    <message>
        <source>Stations&apos; allowances and overdrafts</source>
        <translation>服务站兑换额度与透支记录</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>服务站</translation>
    </message>
    <message>
        <source>Offline allowance</source>
        <translation>离线兑换额度</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Balance then</source>
        <translation>当时余额</translation>
    </message>
    <message>
        <source>Balance now</source>
        <translation>现在余额</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>How it was dealt with (e.g. adjusted, resident told)</source>
        <translation>处理说明（如：已调整积分，已告知居民）</translation>
    </message>
    <message>
        <source>Points each station may redeem offline between two exchanges</source>
        <translation>各服务站在两次数据交换之间可离线兑换的积分</translation>
    </message>
    <message>
        <source>Save allowances</source>
        <translation>保存额度</translation>
    </message>
    <message>
        <source>Accounts a station took below zero (both sides redeemed)</source>
        <translation>服务站兑换后余额为负的账户（两边都兑换了）</translation>
    </message>
    <message>
        <source>Mark dealt with</source>
        <translation>标记已处理</translation>
    </message>
    <message>
        <source> points</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>No station copies yet: make one with File → Make a station copy….</source>
        <translation>还没有服务站副本：请用“文件 → 制作服务站副本…”制作。</translation>
    </message>
    <message>
        <source>Choose an overdraft in the list first.</source>
        <translation>请先在列表中选择一条透支记录。</translation>
    </message>
</context>
<context>
    <name>ThresholdsDialog</name>
    <message>
        <source>Star thresholds</source>
        <translation>星级分数线</translation>
    </message>
    <message>
        <source>Thresholds</source>
        <translation>分数线</translation>
    </message>
    <message>
        <source>%1 stars from</source>
        <translation>%1星：不低于</translation>
    </message>
</context>
<context>
    <name>ValuesPanel</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>In the ledger</source>
        <translation>台账中的写法</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Take it as</source>
        <translation>对应为</translation>
    </message>
    <message>
        <source>Values the check did not recognise, and organisations or grids it did not find by their exact name: choose what each one means, then check again.</source>
        <translation>检查时不认识的值，以及名称不完全一致或找不到的党组织、网格：请逐一选择对应的选项，然后再检查一次。</translation>
    </message>
    <message>
        <source>(do not import these rows)</source>
        <translation>（这些行不导入）</translation>
    </message>
    <message>
        <source>Create new</source>
        <translation>新建</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s): %1</source>
        <translation>
            <numerusform>%n 行：%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>VisitDialog</name>
    <message>
        <source>Record a visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>走访</translation>
    </message>
    <message>
        <source>Visited on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>走访户</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>所在网格</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>走访地点</translation>
    </message>
    <message>
        <source>e.g. the shops on 幸福路, the building site</source>
        <translation>如：幸福路沿街商铺、工地</translation>
    </message>
    <message>
        <source>Companions</source>
        <translation>同行人员</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现情况</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>Needs following up</source>
        <translation>需要跟进</translation>
    </message>
    <message>
        <source>Report an incident from this visit after saving</source>
        <translation>保存后从本次走访上报事件（报事件）</translation>
    </message>
</context>
<context>
    <name>VisitsPanel</name>
    <message>
        <source>Visited on</source>
        <translation>走访日期</translation>
    </message>
    <message>
        <source>Visited by</source>
        <translation>走访人</translation>
    </message>
    <message>
        <source>What was found</source>
        <translation>发现情况</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>需跟进</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>上报事件</translation>
    </message>
    <message>
        <source>Record a visit</source>
        <translation>登记走访</translation>
    </message>
    <message>
        <source>Open the visit</source>
        <translation>查看走访</translation>
    </message>
    <message>
        <source>Choose a household to see its visits; or record a visit to a place.</source>
        <translation>选择一户查看其走访记录；也可登记对某一地点的走访。</translation>
    </message>
    <message>
        <source>Visits to %1</source>
        <translation>%1 的走访记录</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>VolunteerDialog</name>
    <message>
        <source>New volunteer</source>
        <translation>新增志愿者</translation>
    </message>
    <message>
        <source>Edit volunteer</source>
        <translation>修改志愿者信息</translation>
    </message>
    <message>
        <source>Personal details</source>
        <translation>个人信息</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Volunteer number</source>
        <translation>志愿者编号</translation>
    </message>
    <message>
        <source>Left blank: the next number is given</source>
        <translation>不填则自动编号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>志愿者类别</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能特长</translation>
    </message>
    <message>
        <source>Available times</source>
        <translation>服务时间</translation>
    </message>
    <message>
        <source>Service areas</source>
        <translation>服务领域</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>所属组织</translation>
    </message>
    <message>
        <source>Registered on</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>%1 hours in all</source>
        <translation>累计 %1 小时</translation>
    </message>
    <message>
        <source>Service hours</source>
        <translation>服务时长</translation>
    </message>
</context>
<context>
    <name>VolunteerPicker</name>
    <message>
        <source>Add volunteers</source>
        <translation>添加志愿者</translation>
    </message>
    <message>
        <source>Pinyin initials (zs), name, number or phone tail</source>
        <translation>拼音首字母（如 zs）、姓名、编号或电话尾号</translation>
    </message>
    <message>
        <source>↑↓ move · Space ticks or unticks · Ctrl+Enter adds · Esc cancels</source>
        <translation>↑↓ 移动 · 空格 勾选/取消勾选 · Ctrl+Enter 添加 · Esc 取消</translation>
    </message>
    <message>
        <source>No volunteer matches</source>
        <translation>没有找到符合的志愿者</translation>
    </message>
    <message>
        <source> (already listed)</source>
        <translation>（已在名单中）</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between names</comment>
        <translation>、</translation>
    </message>
    <message numerus="yes">
        <source>%n chosen: </source>
        <translation>
            <numerusform>已选 %n 人：</numerusform>
        </translation>
    </message>
    <message>
        <source>None chosen yet</source>
        <translation>还没有选人</translation>
    </message>
    <message numerus="yes">
        <source>Add %n</source>
        <translation>
            <numerusform>添加 %n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message numerus="yes">
        <source>Discard the %n volunteer(s) ticked?</source>
        <translation>
            <numerusform>放弃已勾选的 %n 名志愿者吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>VolunteersTab</name>
    <message>
        <source>Service log</source>
        <translation>服务记录</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>志愿者名册</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>any date</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Include volunteers who left</source>
        <translation>含已退出的志愿者</translation>
    </message>
    <message>
        <source>Certificate of service…</source>
        <translation>志愿服务证明…</translation>
    </message>
    <message>
        <source>Certificate of service</source>
        <translation>志愿服务证明</translation>
    </message>
    <message>
        <source>Select a volunteer in the volunteers view first.</source>
        <translation>请先在“志愿者名册”中选择一名志愿者。</translation>
    </message>
    <message>
        <source>All volunteers</source>
        <translation>全部志愿者</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>全部服务项目</translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer(s) listed</source>
        <translation>
            <numerusform>列出 %n 名志愿者</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service record(s) listed</source>
        <translation>
            <numerusform>列出 %n 条服务记录</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 hours</source>
        <translation>%1 小时</translation>
    </message>
    <message numerus="yes">
        <source>%n volunteer record(s)</source>
        <translation>
            <numerusform>%n 条志愿者记录</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n service record(s)</source>
        <translation>
            <numerusform>%n 条服务记录</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_ConnectingDialog</name>
    <message>
        <source>Remember the password on this computer</source>
        <translation>在本机记住密码</translation>
    </message>
    <message>
        <source>This computer has no password store: the password is asked at each start.</source>
        <translation>本机没有可用的密码保管库：每次启动时询问密码。</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>_FileRow</name>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
</context>
<context>
    <name>accounts</name>
    <message>
        <source>At least %1 characters.</source>
        <translation>至少%1位。</translation>
    </message>
    <message>
        <source>Repeat the password</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>the two passwords are not the same</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <source>Enter your user name.</source>
        <translation>请输入用户名。</translation>
    </message>
    <message>
        <source>Could not check the password: %1</source>
        <translation>无法验证密码：%1</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Deactivated</source>
        <translation>已停用</translation>
    </message>
</context>
<context>
    <name>columns</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>名次</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>所在支部</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>基础分</translation>
    </message>
    <message>
        <source>Earned</source>
        <translation>加分</translation>
    </message>
    <message>
        <source>Deducted</source>
        <translation>扣分</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>总分</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>事由</translation>
    </message>
    <message>
        <source>Entered by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>党员类型</translation>
    </message>
    <message>
        <source>Admitted</source>
        <translation>入党时间</translation>
    </message>
    <message>
        <source>Made full</source>
        <translation>转正时间</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>上报日期</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Incident category</source>
        <translation>事件类别</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>事件标题</translation>
    </message>
    <message>
        <source>State</source>
        <translation>处置状态</translation>
    </message>
    <message>
        <source>With</source>
        <translation>承办人或部门</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>办理期限</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>群众评价</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Full/part-time</source>
        <translation>专兼职</translation>
    </message>
    <message>
        <source>Grids</source>
        <translation>负责网格</translation>
    </message>
    <message>
        <source>Started on</source>
        <translation>上岗日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>家庭住址</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>删除时间</translation>
    </message>
    <message>
        <source>Deleted by</source>
        <translation>删除人</translation>
    </message>
    <message>
        <source>Grid code</source>
        <translation>网格编号</translation>
    </message>
    <message>
        <source>Grid name</source>
        <translation>网格名称</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <source>Grid workers</source>
        <translation>网格员</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>调解层级</translation>
    </message>
    <message>
        <source>Serving since</source>
        <translation>任职日期</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>案件数</translation>
    </message>
    <message>
        <source>Case number</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理日期</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Dispute type</source>
        <translation>纠纷类型</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>案件来源</translation>
    </message>
    <message>
        <source>Mediator</source>
        <translation>调解员</translation>
    </message>
    <message>
        <source>Status / result</source>
        <translation>状态/结果</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>结案日期</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>回访</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>服务日期</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>服务项目</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>组织</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>服务地点</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>主讲人</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>出席</translation>
    </message>
    <message>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>志愿者</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Organiser</source>
        <translation>组织单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>技能特长</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>注册日期</translation>
    </message>
    <message>
        <source>Total hours</source>
        <translation>累计时长</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务次数</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Account role</source>
        <translation>账号角色</translation>
    </message>
    <message>
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>与户主关系</translation>
    </message>
    <message>
        <source>Permanent/floating</source>
        <translation>常住/流动</translation>
    </message>
    <message>
        <source>Political status</source>
        <translation>政治面貌</translation>
    </message>
    <message>
        <source>Care tags</source>
        <translation>关爱对象</translation>
    </message>
    <message>
        <source>Holder</source>
        <translation>持有人</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>余额</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>最近变动</translation>
    </message>
</context>
</TS>
