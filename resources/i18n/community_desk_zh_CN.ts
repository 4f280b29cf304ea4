<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>MainWindow</name>
    <message>
        <source>Community Desk</source>
        <translation>社区工作台</translation>
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
        <source>Mediation records</source>
        <translation>调解记录</translation>
    </message>
    <message>
        <source>Volunteer service</source>
        <translation>志愿服务</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
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
        <source>Recycle &amp;bin…</source>
        <translation>回收站(&amp;B)…</translation>
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
        <source>About Community Desk</source>
        <translation>关于社区工作台</translation>
    </message>
    <message>
        <source>Community Desk keeps the community office's registers offline.</source>
        <translation>社区工作台：社区办公室离线使用的台账管理软件。</translation>
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
        <source>Personal details</source>
        <translation>个人信息</translation>
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
    <message>
        <source>Education</source>
        <translation>学历</translation>
    </message>
    <message>
        <source>Native place</source>
        <translation>籍贯</translation>
    </message>
    <message>
        <source>Membership</source>
        <translation>党籍信息</translation>
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
        <source>All branches</source>
        <translation>全部支部</translation>
    </message>
    <message numerus="yes">
        <source>%n member(s) listed</source>
        <translation>
            <numerusform>列出 %n 名党员</numerusform></translation>
    </message>
    <message>
        <source>overdue probation %1, working away %2, lost contact %3</source>
        <translation>预备期满未转正 %1 人，流动党员 %2 人，失联党员 %3 人</translation>
    </message>
    <message numerus="yes">
        <source>%n party member record(s)</source>
        <translation>
            <numerusform>%n 条党员记录</numerusform></translation>
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
        <source>Same person also has:</source>
        <translation>此人还有：</translation>
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
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>The record could not be saved: %1</source>
        <translation>记录未能保存：%1</translation>
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
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Deleted records stay here until restored.</source>
        <translation>删除的记录保存在这里，可随时恢复。</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) restored</source>
        <translation>
            <numerusform>已恢复 %n 条记录</numerusform></translation>
    </message>
</context>
<context>
    <name>RegisterTab</name>
    <message>
        <source>Search: name, pinyin initials (zs), ID tail or phone</source>
        <translation>搜索：姓名、拼音首字母（如 zs）、身份证号后几位或电话</translation>
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
            <numerusform>%n 条记录</numerusform></translation>
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
    <name>app</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
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
        <source>Branch</source>
        <translation>所在支部</translation>
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
        <source>Category</source>
        <translation>人员类别</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
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
</context>
</TS>