//! Two languages, zh-CN and en, for every string, and number formatting that
//! suits each (63万 / 630,000).

use serde::{Deserialize, Serialize};

/// A UI language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文
    Zh,
    /// English
    En,
}

impl Lang {
    /// The language a browser asks for: Chinese when its first preference is Chinese.
    pub fn from_browser(languages: &[String]) -> Lang {
        match languages.first() {
            Some(l) if l.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            Some(_) => Lang::En,
            None => Lang::Zh,
        }
    }

    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Short code stored in the browser.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// From a stored code.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// (key, English, Chinese)
const STRINGS: &[(&str, &str, &str)] = &[
    (
        "event.infected_arrival_unnoticed",
        "{count} infected travellers slip through {gateway} unnoticed",
        "{count} 名感染者经 {gateway} 入城且未被发现",
    ),
    (
        "event.infected_arrival_unnoticed_one",
        "1 infected traveller slips through {gateway} unnoticed",
        "1 名感染者经 {gateway} 入城且未被发现",
    ),
    (
        "event.infected_arrival_one",
        "1 infected traveller arrives at {gateway}",
        "1 名感染者经 {gateway} 入城",
    ),
    (
        "event.local_infection_one",
        "1 resident infected locally (e.g. cold chain)",
        "1 名居民本地感染（如冷链）",
    ),
    (
        "event.field.unnoticed",
        "They slip through the checkpoint unnoticed",
        "未被卡口发现",
    ),
    (
        "app.open_preset_confirm",
        "Discard your edits and open “{preset}”?",
        "放弃所有修改并打开“{preset}”？",
    ),
    ("app.skip", "Skip to results", "跳到结果"),
    ("app.add", "Add", "添加"),
    (
        "field.infection_limit",
        "Infections at which a run counts as out of control",
        "单次模拟失控阈值（感染人数）",
    ),
    ("verdict.out_of_control", "Out of control", "疫情失控"),
    (
        "verdict.out_of_control_def",
        "Runs reaching {limit} infections (counting stops there)",
        "感染达 {limit} 人的模拟（此后不再计数）",
    ),
    (
        "chart.queue",
        "Checkpoint queue (travellers waiting)",
        "卡口排队人数",
    ),
    (
        "verdict.capacities",
        "Which capacity runs out, and when",
        "哪项资源会不足、何时不足",
    ),
    ("verdict.capacity", "Capacity", "资源"),
    ("verdict.p_exceeded", "Runs out in", "不足的模拟比例"),
    ("verdict.p_first", "First to run out in", "最先不足的比例"),
    ("verdict.median_day", "Typical first day", "通常首次不足日"),
    ("verdict.has", "The city has", "现有"),
    (
        "verdict.needed_p90",
        "Needed in 90 % of runs",
        "90% 的模拟中够用所需",
    ),
    (
        "verdict.needed_p95",
        "Needed in 95 % of runs",
        "95% 的模拟中够用所需",
    ),
    (
        "verdict.gateway_short",
        "{gateway}: short in {p} of runs, typically from day {day}",
        "{gateway}：{p} 的模拟中不足，通常从第 {day} 天起",
    ),
    (
        "verdict.gateway_enough",
        "{gateway}: enough in every run",
        "{gateway}：每次模拟均够用",
    ),
    (
        "verdict.checkpoints",
        "Checkpoints, gateway by gateway",
        "各入口卡口",
    ),
    ("verdict.gateway", "Gateway", "入口"),
    ("verdict.staff_has", "Inspectors per shift", "每班查验人员"),
    (
        "verdict.staff_needed",
        "Inspectors per shift needed (the same in 90 % and 95 % of runs; inspection posts to match)",
        "所需每班查验人员（90 % 与 95 % 的模拟相同；查验通道数相应增加）",
    ),
    ("verdict.short_in", "Short in", "不足的模拟比例"),
    (
        "verdict.peak_hour_wait",
        "Peak-hour wait, minutes (median, 95th percentile)",
        "高峰小时等候（分钟，中位数与第 95 百分位）",
    ),
    (
        "verdict.unchecked",
        "Passed unchecked: by policy / queue cap / unstaffed hours",
        "未查验放行：按放行政策 / 排队超上限 / 无人值守时段",
    ),
    (
        "verdict.infected_unchecked",
        "Infected travellers passed unchecked (mean)",
        "未查验放行的感染者（平均）",
    ),
    (
        "warning.staff_without_post",
        "Only {posts} posts: {extra} of the {staff} staff per shift have no post and check nobody",
        "只有 {posts} 个查验岗位：每班 {staff} 人中有 {extra} 人无岗可站，不增加查验能力",
    ),
    ("app.title", "Cordon", "Cordon 外防输入"),
    (
        "app.subtitle",
        "Imported-infection defence planner",
        "城市输入性疫情防控推演",
    ),
    ("app.language", "中文", "English"),
    (
        "app.language_label",
        "中文: switch to Chinese",
        "English：切换到英文",
    ),
    ("app.presentation", "Presentation", "演示模式"),
    ("app.preset", "Scenario", "情景"),
    ("app.reset", "Reset to preset", "重置为预设"),
    (
        "app.reset_confirm",
        "Discard your edits and reset to the preset?",
        "放弃所有修改并重置为预设？",
    ),
    ("app.yes", "Reset", "确认重置"),
    ("app.no", "Keep my edits", "保留修改"),
    ("app.editor", "Resources and policy", "资源与策略"),
    ("app.editor_open", "Edit the scenario", "编辑情景"),
    ("app.editor_close", "Close the editor", "关闭编辑"),
    ("app.results", "Results", "结果"),
    ("app.computing", "Computing", "计算中"),
    ("app.runs_done", "runs", "次"),
    (
        "app.stale",
        "Results below are for the last valid scenario",
        "以下结果对应上一个有效情景",
    ),
    ("app.error", "Something went wrong", "出现错误"),
    (
        "app.link_error",
        "The link could not be opened",
        "无法打开此链接",
    ),
    (
        "app.link_error_default",
        "The default scenario is shown instead. The link was:",
        "已显示默认情景。原链接为：",
    ),
    ("app.dismiss", "Dismiss", "关闭"),
    ("group.city", "City", "城市"),
    ("group.gateways", "Gateways and checkpoints", "入口与卡口"),
    ("group.community", "Grid workers", "网格员"),
    ("group.quarantine", "Quarantine", "隔离"),
    ("group.testing", "Testing", "核酸检测"),
    ("group.tracing", "Tracing", "流调溯源"),
    ("group.hospital", "Designated hospital", "定点医院"),
    ("group.supplies", "Supplies", "防疫物资"),
    (
        "field.supplies.masks.stock",
        "Masks: in stock",
        "口罩：库存",
    ),
    (
        "field.supplies.masks.resupply_per_day",
        "Masks: resupply a day",
        "口罩：每日补充",
    ),
    (
        "field.supplies.masks.per_checkpoint_shift",
        "Masks: per inspector shift",
        "口罩：每名卡口人员每班用量",
    ),
    (
        "field.supplies.masks.per_sampling_shift",
        "Masks: per sampling shift",
        "口罩：每名采样人员每班用量",
    ),
    (
        "field.supplies.masks.per_tracer_shift",
        "Masks: per tracer shift",
        "口罩：每名流调人员每班用量",
    ),
    (
        "field.supplies.masks.per_grid_shift",
        "Masks: per grid worker a day",
        "口罩：每名网格员每日用量",
    ),
    (
        "field.supplies.masks.per_sample",
        "Masks: per person sampled",
        "口罩：每采样一人用量",
    ),
    (
        "field.supplies.masks.per_test",
        "Masks: per laboratory tube",
        "口罩：每检测一管用量",
    ),
    (
        "field.supplies.masks.per_room_day",
        "Masks: per occupied quarantine room a day",
        "口罩：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.masks.per_bed_day",
        "Masks: per occupied hospital bed a day",
        "口罩：每张在用病床每日用量",
    ),
    (
        "field.supplies.protective_suits.stock",
        "Protective suits: in stock",
        "防护服：库存",
    ),
    (
        "field.supplies.protective_suits.resupply_per_day",
        "Protective suits: resupply a day",
        "防护服：每日补充",
    ),
    (
        "field.supplies.protective_suits.per_checkpoint_shift",
        "Protective suits: per inspector shift",
        "防护服：每名卡口人员每班用量",
    ),
    (
        "field.supplies.protective_suits.per_sampling_shift",
        "Protective suits: per sampling shift",
        "防护服：每名采样人员每班用量",
    ),
    (
        "field.supplies.protective_suits.per_tracer_shift",
        "Protective suits: per tracer shift",
        "防护服：每名流调人员每班用量",
    ),
    (
        "field.supplies.protective_suits.per_grid_shift",
        "Protective suits: per grid worker a day",
        "防护服：每名网格员每日用量",
    ),
    (
        "field.supplies.protective_suits.per_sample",
        "Protective suits: per person sampled",
        "防护服：每采样一人用量",
    ),
    (
        "field.supplies.protective_suits.per_test",
        "Protective suits: per laboratory tube",
        "防护服：每检测一管用量",
    ),
    (
        "field.supplies.protective_suits.per_room_day",
        "Protective suits: per occupied quarantine room a day",
        "防护服：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.protective_suits.per_bed_day",
        "Protective suits: per occupied hospital bed a day",
        "防护服：每张在用病床每日用量",
    ),
    (
        "field.supplies.goggles.stock",
        "Goggles: in stock",
        "护目镜：库存",
    ),
    (
        "field.supplies.goggles.resupply_per_day",
        "Goggles: resupply a day",
        "护目镜：每日补充",
    ),
    (
        "field.supplies.goggles.per_checkpoint_shift",
        "Goggles: per inspector shift",
        "护目镜：每名卡口人员每班用量",
    ),
    (
        "field.supplies.goggles.per_sampling_shift",
        "Goggles: per sampling shift",
        "护目镜：每名采样人员每班用量",
    ),
    (
        "field.supplies.goggles.per_tracer_shift",
        "Goggles: per tracer shift",
        "护目镜：每名流调人员每班用量",
    ),
    (
        "field.supplies.goggles.per_grid_shift",
        "Goggles: per grid worker a day",
        "护目镜：每名网格员每日用量",
    ),
    (
        "field.supplies.goggles.per_sample",
        "Goggles: per person sampled",
        "护目镜：每采样一人用量",
    ),
    (
        "field.supplies.goggles.per_test",
        "Goggles: per laboratory tube",
        "护目镜：每检测一管用量",
    ),
    (
        "field.supplies.goggles.per_room_day",
        "Goggles: per occupied quarantine room a day",
        "护目镜：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.goggles.per_bed_day",
        "Goggles: per occupied hospital bed a day",
        "护目镜：每张在用病床每日用量",
    ),
    (
        "field.supplies.gloves.stock",
        "Gloves (pairs): in stock",
        "手套（副）：库存",
    ),
    (
        "field.supplies.gloves.resupply_per_day",
        "Gloves (pairs): resupply a day",
        "手套（副）：每日补充",
    ),
    (
        "field.supplies.gloves.per_checkpoint_shift",
        "Gloves (pairs): per inspector shift",
        "手套（副）：每名卡口人员每班用量",
    ),
    (
        "field.supplies.gloves.per_sampling_shift",
        "Gloves (pairs): per sampling shift",
        "手套（副）：每名采样人员每班用量",
    ),
    (
        "field.supplies.gloves.per_tracer_shift",
        "Gloves (pairs): per tracer shift",
        "手套（副）：每名流调人员每班用量",
    ),
    (
        "field.supplies.gloves.per_grid_shift",
        "Gloves (pairs): per grid worker a day",
        "手套（副）：每名网格员每日用量",
    ),
    (
        "field.supplies.gloves.per_sample",
        "Gloves (pairs): per person sampled",
        "手套（副）：每采样一人用量",
    ),
    (
        "field.supplies.gloves.per_test",
        "Gloves (pairs): per laboratory tube",
        "手套（副）：每检测一管用量",
    ),
    (
        "field.supplies.gloves.per_room_day",
        "Gloves (pairs): per occupied quarantine room a day",
        "手套（副）：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.gloves.per_bed_day",
        "Gloves (pairs): per occupied hospital bed a day",
        "手套（副）：每张在用病床每日用量",
    ),
    (
        "field.supplies.disinfectant_litres.stock",
        "Disinfectant (litres): in stock",
        "消毒液（升）：库存",
    ),
    (
        "field.supplies.disinfectant_litres.resupply_per_day",
        "Disinfectant (litres): resupply a day",
        "消毒液（升）：每日补充",
    ),
    (
        "field.supplies.disinfectant_litres.per_checkpoint_shift",
        "Disinfectant (litres): per inspector shift",
        "消毒液（升）：每名卡口人员每班用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_sampling_shift",
        "Disinfectant (litres): per sampling shift",
        "消毒液（升）：每名采样人员每班用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_tracer_shift",
        "Disinfectant (litres): per tracer shift",
        "消毒液（升）：每名流调人员每班用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_grid_shift",
        "Disinfectant (litres): per grid worker a day",
        "消毒液（升）：每名网格员每日用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_sample",
        "Disinfectant (litres): per person sampled",
        "消毒液（升）：每采样一人用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_test",
        "Disinfectant (litres): per laboratory tube",
        "消毒液（升）：每检测一管用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_room_day",
        "Disinfectant (litres): per occupied quarantine room a day",
        "消毒液（升）：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.disinfectant_litres.per_bed_day",
        "Disinfectant (litres): per occupied hospital bed a day",
        "消毒液（升）：每张在用病床每日用量",
    ),
    (
        "field.supplies.swabs.stock",
        "Swabs: in stock",
        "采样拭子：库存",
    ),
    (
        "field.supplies.swabs.resupply_per_day",
        "Swabs: resupply a day",
        "采样拭子：每日补充",
    ),
    (
        "field.supplies.swabs.per_checkpoint_shift",
        "Swabs: per inspector shift",
        "采样拭子：每名卡口人员每班用量",
    ),
    (
        "field.supplies.swabs.per_sampling_shift",
        "Swabs: per sampling shift",
        "采样拭子：每名采样人员每班用量",
    ),
    (
        "field.supplies.swabs.per_tracer_shift",
        "Swabs: per tracer shift",
        "采样拭子：每名流调人员每班用量",
    ),
    (
        "field.supplies.swabs.per_grid_shift",
        "Swabs: per grid worker a day",
        "采样拭子：每名网格员每日用量",
    ),
    (
        "field.supplies.swabs.per_sample",
        "Swabs: per person sampled",
        "采样拭子：每采样一人用量",
    ),
    (
        "field.supplies.swabs.per_test",
        "Swabs: per laboratory tube",
        "采样拭子：每检测一管用量",
    ),
    (
        "field.supplies.swabs.per_room_day",
        "Swabs: per occupied quarantine room a day",
        "采样拭子：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.swabs.per_bed_day",
        "Swabs: per occupied hospital bed a day",
        "采样拭子：每张在用病床每日用量",
    ),
    (
        "field.supplies.reagent.stock",
        "Reagent (tests): in stock",
        "试剂（人份）：库存",
    ),
    (
        "field.supplies.reagent.resupply_per_day",
        "Reagent (tests): resupply a day",
        "试剂（人份）：每日补充",
    ),
    (
        "field.supplies.reagent.per_checkpoint_shift",
        "Reagent (tests): per inspector shift",
        "试剂（人份）：每名卡口人员每班用量",
    ),
    (
        "field.supplies.reagent.per_sampling_shift",
        "Reagent (tests): per sampling shift",
        "试剂（人份）：每名采样人员每班用量",
    ),
    (
        "field.supplies.reagent.per_tracer_shift",
        "Reagent (tests): per tracer shift",
        "试剂（人份）：每名流调人员每班用量",
    ),
    (
        "field.supplies.reagent.per_grid_shift",
        "Reagent (tests): per grid worker a day",
        "试剂（人份）：每名网格员每日用量",
    ),
    (
        "field.supplies.reagent.per_sample",
        "Reagent (tests): per person sampled",
        "试剂（人份）：每采样一人用量",
    ),
    (
        "field.supplies.reagent.per_test",
        "Reagent (tests): per laboratory tube",
        "试剂（人份）：每检测一管用量",
    ),
    (
        "field.supplies.reagent.per_room_day",
        "Reagent (tests): per occupied quarantine room a day",
        "试剂（人份）：每间在用隔离房间每日用量",
    ),
    (
        "field.supplies.reagent.per_bed_day",
        "Reagent (tests): per occupied hospital bed a day",
        "试剂（人份）：每张在用病床每日用量",
    ),
    ("group.epidemiology", "Epidemiology", "流行病学"),
    ("group.response", "Response policy", "响应策略"),
    (
        "field.testing.fever_clinic.delay.mean",
        "Days from symptom onset to presenting (mean)",
        "出现症状至就诊天数（均值）",
    ),
    (
        "field.testing.fever_clinic.delay.sd",
        "Days from symptom onset to presenting (spread)",
        "出现症状至就诊天数（标准差）",
    ),
    (
        "field.quarantine.secondary_contact_days",
        "Days of quarantine for secondary contacts",
        "次密接隔离天数",
    ),
    ("field.city.population", "Residents", "常住人口"),
    (
        "field.city.household_size",
        "Persons per household",
        "户均人口",
    ),
    ("field.arrivals_per_day", "Arrivals per day", "日到达人数"),
    (
        "field.risk_area_share",
        "Share from risk areas",
        "来自风险地区比例",
    ),
    (
        "field.prevalence_risk_area",
        "Infected among risk-area arrivals",
        "风险地区来人感染率",
    ),
    (
        "field.prevalence_elsewhere",
        "Infected among other arrivals",
        "其他来人感染率",
    ),
    ("field.checkpoint.posts", "Inspection posts", "查验通道数"),
    (
        "field.checkpoint.staff_per_shift",
        "Inspectors per shift",
        "每班查验人员",
    ),
    ("field.checkpoint.shifts", "Shifts per day", "每日班次"),
    (
        "field.checkpoint.shift_hours",
        "Hours per shift",
        "每班小时数",
    ),
    (
        "field.checkpoint.inspections_per_staff_hour",
        "Checks per inspector-hour",
        "每人每小时查验数",
    ),
    ("field.checkpoint.enabled", "Checkpoint staffed", "设卡查验"),
    ("field.checkpoint.overload", "When overloaded", "超负荷时"),
    (
        "overload.queue",
        "Queue (check everyone)",
        "排队（全部查验）",
    ),
    (
        "overload.wave_through",
        "Wave the excess through",
        "超出部分放行",
    ),
    ("field.community.grid_workers", "Grid workers", "网格员人数"),
    (
        "field.community.visits_per_worker_per_day",
        "Household visits per worker per day",
        "每人每日入户数",
    ),
    (
        "field.community.self_report_share",
        "Arrivals who self-report",
        "主动报备比例",
    ),
    (
        "field.community.visits_per_watched_household",
        "Visits per day per home-quarantined household",
        "居家隔离户每日走访次数",
    ),
    ("field.quarantine.rooms", "Quarantine rooms", "隔离房间数"),
    ("field.quarantine.sites", "Quarantine sites", "隔离点数"),
    ("field.quarantine.days", "Days of quarantine", "隔离天数"),
    (
        "field.quarantine.home_compliance",
        "Home-quarantine compliance (monitored)",
        "居家隔离依从性（有监督）",
    ),
    (
        "field.quarantine.unlimited_rooms",
        "Unlimited rooms",
        "房间不限",
    ),
    ("field.testing.sampling_staff", "Sampling staff", "采样人员"),
    (
        "field.testing.samples_per_staff_per_day",
        "Samples per staff per day",
        "每人每日采样数",
    ),
    (
        "field.testing.lab_tests_per_day",
        "Lab tests per day (single tube)",
        "实验室日检测量（单管）",
    ),
    (
        "field.testing.pool_size",
        "Samples per pooled tube",
        "混采合管人数",
    ),
    (
        "field.testing.turnaround_days",
        "Days to result",
        "出结果天数",
    ),
    (
        "field.testing.mass_testing.enabled",
        "Population-wide testing after a local case",
        "发现本土病例后全员核酸",
    ),
    ("field.testing.mass_testing.rounds", "Rounds", "轮次"),
    (
        "field.testing.routine_screening.people_per_day",
        "Key-group screening per day",
        "重点人群每日筛查人数",
    ),
    ("field.tracing.staff", "Tracing staff", "流调人员"),
    ("field.tracing.teams", "Tracing teams", "流调队伍"),
    (
        "field.tracing.cases_per_staff_per_day",
        "Cases per tracer per day",
        "每人每日流调病例数",
    ),
    (
        "field.tracing.close_contacts_per_case",
        "Close contacts per case",
        "每例密接人数",
    ),
    ("field.tracing.enabled", "Tracing on", "开展流调"),
    ("field.hospital.beds", "Isolation beds", "隔离病床"),
    ("field.hospital.stay_days", "Days in hospital", "住院天数"),
    (
        "field.hospital.unlimited_beds",
        "Unlimited beds",
        "病床不限",
    ),
    ("field.epidemiology.variant", "Variant", "毒株"),
    ("variant.ancestral", "Ancestral (2020)", "原始株（2020）"),
    ("variant.delta", "Delta", "德尔塔"),
    ("variant.omicron", "Omicron", "奥密克戎"),
    ("variant.custom", "Custom", "自定义"),
    (
        "field.epidemiology.r0",
        "Basic reproduction number R0",
        "基本再生数 R0",
    ),
    (
        "field.epidemiology.dispersion_k",
        "Dispersion k (small: superspreading)",
        "离散度 k（越小越易超级传播）",
    ),
    (
        "field.epidemiology.asymptomatic_share",
        "Asymptomatic share",
        "无症状比例",
    ),
    (
        "field.response.baseline_contact_factor",
        "Contacts kept under routine measures",
        "常态化措施下保留的接触比例",
    ),
    (
        "field.response.zones.contact_factor",
        "Contacts kept in sealed/controlled zones",
        "封控/管控区保留的接触比例",
    ),
    (
        "field.response.zones.enabled",
        "Declare zones after a local case",
        "发现本土病例后划定封控区",
    ),
    ("field.days", "Days simulated", "模拟天数"),
    ("field.runs", "Monte Carlo runs", "蒙特卡洛次数"),
    ("field.seed", "Random seed", "随机种子"),
    ("cap.city", "{households} households", "{households} 户"),
    (
        "cap.grid",
        "{workers} grid workers: every household visited every {days} days",
        "{workers} 名网格员：每户每 {days} 天走访一次",
    ),
    (
        "cap.checkpoint",
        "{capacity} checks an hour at peak staffing against {peak} arrivals in the busiest hour",
        "满员时每小时可查验 {capacity} 人，高峰小时到达 {peak} 人",
    ),
    (
        "cap.checkpoint_wave",
        "Day {day}, the busiest: {peak} arrivals in the peak hour against {capacity} checks an hour at peak staffing",
        "第 {day} 天最繁忙：高峰小时到达 {peak} 人，满员时每小时可查验 {capacity} 人",
    ),
    (
        "cap.quarantine",
        "{rooms} rooms: {per_day} new arrivals a day for {days} days",
        "{rooms} 间：可容纳每日新增 {per_day} 人、隔离 {days} 天",
    ),
    (
        "cap.testing",
        "One population-wide round takes {days} days ({throughput} people a day)",
        "一轮全员核酸需 {days} 天（每日 {throughput} 人）",
    ),
    (
        "cap.tracing",
        "{cases} cases traced a day",
        "每日可流调 {cases} 例",
    ),
    (
        "cap.hospital",
        "{beds} beds: {per_day} new cases a day for {days} days",
        "{beds} 张床：可收治每日新增 {per_day} 例、住院 {days} 天",
    ),
    (
        "cap.epidemiology",
        "Under routine measures each case infects about {r} others",
        "常态化措施下每例约传染 {r} 人",
    ),
    ("verdict.no_local", "No local transmission", "无本土传播"),
    (
        "verdict.no_local_def",
        "No infection in the city over the {days} days simulated",
        "模拟的 {days} 天内城内无感染",
    ),
    ("verdict.contained", "Contained", "疫情得到控制"),
    (
        "verdict.contained_def",
        "No infection in the city on days {first}–{last}",
        "第 {first}–{last} 天无本土新增感染",
    ),
    (
        "verdict.local_infections",
        "Local infections (mean)",
        "本土感染（均值）",
    ),
    (
        "verdict.local_infections_range",
        "90% of runs between {low} and {high}",
        "90% 的模拟在 {low} 至 {high} 之间",
    ),
    (
        "verdict.first_bottleneck",
        "First to run out",
        "最先不足的资源",
    ),
    (
        "verdict.none_binds",
        "No capacity runs out",
        "各项资源均未不足",
    ),
    (
        "verdict.bottleneck_detail",
        "in {p} of runs, typically on day {day}",
        "{p} 的模拟中出现，通常在第 {day} 天",
    ),
    (
        "verdict.caught",
        "Infected arrivals caught at the gate",
        "卡口查获的感染来人",
    ),
    ("verdict.flagged", "flagged and quarantined", "被赋码并隔离"),
    (
        "verdict.detection_delay",
        "Days from first local infection to detection (median)",
        "首例本土感染至发现的天数（中位数）",
    ),
    (
        "capacity.checkpoint",
        "Checkpoint inspectors",
        "卡口查验人员",
    ),
    ("capacity.grid_workers", "Grid workers", "网格员"),
    ("capacity.quarantine_rooms", "Quarantine rooms", "隔离房间"),
    ("capacity.testing", "Testing", "核酸检测能力"),
    ("capacity.tracing", "Tracing staff", "流调人员"),
    ("capacity.hospital_beds", "Hospital beds", "定点医院床位"),
    ("capacity.masks", "Masks", "口罩"),
    ("capacity.protective_suits", "Protective suits", "防护服"),
    ("capacity.goggles", "Goggles", "护目镜"),
    ("capacity.gloves", "Gloves", "手套"),
    ("capacity.disinfectant_litres", "Disinfectant", "消毒液"),
    ("capacity.swabs", "Swabs", "采样拭子"),
    ("capacity.reagent", "Reagent", "试剂"),
    (
        "cap.supplies_meets",
        "{item}: {days} days at full load, meets the {standard}-day standard",
        "{item}：满负荷可用 {days} 天，达到 {standard} 天标准",
    ),
    (
        "cap.supplies_below",
        "{item}: {days} days at full load, below the {standard}-day standard",
        "{item}：满负荷可用 {days} 天，低于 {standard} 天标准",
    ),
    ("chart.suits", "Protective suits in stock", "防护服库存"),
    (
        "chart.infections",
        "Infections so far: imported, local, detected",
        "累计感染：输入、本土、已发现",
    ),
    ("chart.rooms", "Quarantine rooms needed", "所需隔离房间"),
    ("chart.beds", "Hospital beds needed", "所需病床"),
    (
        "chart.tests",
        "Laboratory tests needed per day",
        "每日所需检测量",
    ),
    ("chart.tracing", "Cases waiting for tracing", "待流调病例"),
    (
        "chart.checkpoint",
        "Checkpoint wait (minutes)",
        "卡口等待时间（分钟）",
    ),
    (
        "chart.outbreak_size",
        "Local infections per run",
        "每次模拟的本土感染数",
    ),
    ("chart.imported", "Imported", "输入"),
    ("chart.local", "Local", "本土"),
    ("chart.detected", "Detected", "已发现"),
    ("chart.capacity", "Capacity", "容量"),
    ("chart.band50", "Middle 50% of runs", "中间 50% 的模拟"),
    ("chart.band90", "Middle 90% of runs", "中间 90% 的模拟"),
    ("chart.day", "Day", "第几天"),
    (
        "chart.hover",
        "Day {day}: median {median} (50%: {p25}–{p75}; 90%: {p5}–{p95})",
        "第 {day} 天：中位数 {median}（50%：{p25}–{p75}；90%：{p5}–{p95}）",
    ),
    (
        "chart.hover_hint",
        "Point at the chart, or focus it and use the arrow keys, to read a day's values.",
        "将鼠标移到图上，或选中后用方向键，查看某一天的数值。",
    ),
    (
        "link.not_a_link",
        "this is not a Cordon scenario link",
        "这不是 Cordon 情景链接",
    ),
    (
        "link.unsupported_version",
        "the link was made by a newer version of Cordon",
        "此链接由更新版本的 Cordon 生成",
    ),
    (
        "link.bad_encoding",
        "the link is damaged (characters are missing or changed)",
        "链接已损坏（字符缺失或被改动）",
    ),
    (
        "link.corrupt",
        "the link is incomplete or has been altered",
        "链接不完整或已被篡改",
    ),
    (
        "link.invalid_scenario",
        "the scenario in the link has invalid values",
        "链接中的情景参数无效",
    ),
    ("app.advanced", "More settings", "更多设置"),
    ("app.add_gateway", "Add a gateway", "添加入口"),
    ("app.remove_gateway", "Remove this gateway", "删除此入口"),
    (
        "app.scenario_problems",
        "These values do not fit together:",
        "以下参数相互冲突：",
    ),
    (
        "group.timeline",
        "Timeline: changes and injected events",
        "时间线：变化与注入事件",
    ),
    (
        "field.initial_infections",
        "Undetected local infections on day 1",
        "第 1 天未发现的本土感染",
    ),
    (
        "field.checkpoint.checks.health_code_flag_probability",
        "Health code flags a risk-area traveller",
        "健康码识别风险地区来人概率",
    ),
    (
        "field.checkpoint.checks.travel_record_flag_probability",
        "Travel record flags a risk-area traveller",
        "行程卡识别风险地区来人概率",
    ),
    (
        "field.checkpoint.checks.thermometer_sensitivity",
        "Thermometer catches a fever",
        "体温检测发现发热概率",
    ),
    (
        "field.checkpoint.checks.health_code",
        "Health code",
        "健康码",
    ),
    (
        "field.checkpoint.checks.travel_record",
        "Travel record",
        "行程卡",
    ),
    (
        "field.checkpoint.checks.test_certificate",
        "48-hour negative test certificate",
        "48 小时核酸阴性证明",
    ),
    ("field.checkpoint.checks.temperature", "Temperature", "体温"),
    (
        "field.checkpoint.hourly_profile",
        "Arrivals over the day",
        "到达时段分布",
    ),
    (
        "profile.daytime",
        "Daytime peaks (trains, coaches)",
        "日间高峰（火车、客车）",
    ),
    ("profile.road", "Road traffic", "公路车流"),
    ("profile.flat", "Even around the clock", "全天均匀"),
    (
        "field.community.sweeps",
        "Grid workers sweep households for unreported arrivals",
        "网格员入户排查未报备来人",
    ),
    (
        "field.community.sweep_find_probability",
        "A visit finds an unreported arrival",
        "入户发现未报备来人概率",
    ),
    (
        "field.community.symptom_find_probability",
        "A visit finds and refers a resident with symptoms",
        "入户发现有症状居民并转诊概率",
    ),
    (
        "field.community.sweep_window_days",
        "Days an arrival stays findable",
        "来人可被排查的天数",
    ),
    (
        "field.quarantine.risk_area_arrivals",
        "Flagged risk-area arrivals go to",
        "风险地区来人隔离方式",
    ),
    (
        "field.quarantine.close_contacts",
        "Close contacts go to",
        "密接隔离方式",
    ),
    (
        "field.quarantine.secondary_contacts",
        "Secondary contacts go to",
        "次密接隔离方式",
    ),
    ("place.centralised", "Centralised quarantine", "集中隔离"),
    ("place.home", "Home quarantine", "居家隔离"),
    ("place.none", "Not quarantined", "不隔离"),
    (
        "field.quarantine.centralised_effectiveness",
        "Transmission prevented in centralised quarantine",
        "集中隔离阻断传播比例",
    ),
    (
        "field.quarantine.unmonitored_home_compliance",
        "Home-quarantine compliance (unmonitored)",
        "居家隔离依从性（无监督）",
    ),
    (
        "field.testing.unlimited",
        "Unlimited sampling and laboratories",
        "采样与检测能力不限",
    ),
    (
        "field.testing.arrival_test",
        "Test risk-area arrivals on entry",
        "风险地区来人落地检",
    ),
    (
        "field.testing.fever_clinic.enabled",
        "Fever clinics",
        "发热门诊",
    ),
    (
        "field.testing.routine_screening.enabled",
        "Routine screening of key groups",
        "重点人群常规筛查",
    ),
    (
        "field.testing.peak_sensitivity",
        "Peak PCR sensitivity",
        "核酸检测最高灵敏度",
    ),
    (
        "field.testing.detectable_from_day",
        "Detectable from day (after infection)",
        "感染后第几天起可检出",
    ),
    (
        "field.testing.peak_day",
        "Sensitivity peaks on day",
        "灵敏度峰值日",
    ),
    (
        "field.testing.detectable_until_day",
        "Detectable until day",
        "可检出至第几天",
    ),
    (
        "field.testing.fever_clinic.presentation_share",
        "Symptomatic who go to a fever clinic",
        "有症状者就诊发热门诊比例",
    ),
    (
        "field.testing.routine_screening.risk_enrichment",
        "Infection risk of screened groups (× average)",
        "筛查人群感染风险（平均的倍数）",
    ),
    (
        "field.testing.mass_testing.trigger_local_cases",
        "Local cases that trigger population-wide testing",
        "触发全员核酸的本土病例数",
    ),
    (
        "field.testing.mass_testing.interval_days",
        "Days between rounds",
        "轮次间隔天数",
    ),
    (
        "field.testing.mass_testing.participation",
        "Residents who take part",
        "参检率",
    ),
    (
        "field.tracing.unlimited",
        "Unlimited tracing",
        "流调能力不限",
    ),
    (
        "field.tracing.trace_secondary",
        "Trace secondary contacts",
        "追踪次密接",
    ),
    (
        "field.tracing.secondary_per_close_contact",
        "Secondary contacts per close contact",
        "每名密接的次密接人数",
    ),
    (
        "field.tracing.household_find_probability",
        "An infected household contact is found",
        "发现同户感染者概率",
    ),
    (
        "field.tracing.other_find_probability",
        "An infected other contact is found",
        "发现其他感染接触者概率",
    ),
    (
        "field.tracing.source_find_probability",
        "The source of a local case is found",
        "溯源成功概率",
    ),
    (
        "field.tracing.starts",
        "Tracing of a case starts",
        "流调启动时机",
    ),
    ("tracing_start.at_result", "At its positive result", "阳性结果报告时"),
    (
        "tracing_start.at_isolation",
        "When it is isolated (at presentation, if clinics isolate)",
        "隔离时（发热门诊就诊即隔离时为就诊时）",
    ),
    (
        "field.tracing.delayed",
        "Tracing starts after a delay",
        "流调启动有延迟",
    ),
    (
        "field.tracing.delay.mean",
        "Delay before tracing, mean (days)",
        "流调启动延迟均值（天）",
    ),
    (
        "field.tracing.delay.sd",
        "Delay before tracing, standard deviation",
        "流调启动延迟标准差",
    ),
    (
        "field.tracing.contacts_held",
        "Traced infected contacts are",
        "追踪到的感染密接",
    ),
    (
        "contacts_held.quarantined_when_traced",
        "Quarantined when traced",
        "追踪到即隔离",
    ),
    (
        "contacts_held.isolated_at_onset",
        "Watched, isolated at their own symptom onset",
        "健康监测，出现症状时隔离",
    ),
    (
        "field.testing.fever_clinic.isolate_at_presentation",
        "Isolate symptomatic presenters while the result is pending",
        "发热门诊就诊者等待结果期间即隔离（临床诊断）",
    ),
    (
        "field.testing.fever_clinic.retest_after_days",
        "Retest a symptomatic negative after (days, 0 = never)",
        "有症状者阴性后复检间隔（天，0 为不复检）",
    ),
    (
        "field.epidemiology.timing.tied_to_onset",
        "Infection times tied to the infector's symptom onset",
        "传播时间与传染者发病时间关联",
    ),
    (
        "field.epidemiology.timing.presymptomatic_share",
        "Transmission before symptom onset (when tied)",
        "症状出现前传播占比（关联时）",
    ),
    (
        "field.epidemiology.timing.offset_scale_days",
        "Spread of infection times around onset (days)",
        "传播时间相对发病时间的离散度（天）",
    ),
    (
        "timing.presymptomatic_implied",
        "Transmission before symptom onset in this scenario: {share}",
        "本情景症状出现前传播占比：{share}",
    ),
    (
        "field.containment.window_days",
        "Contained: days without a new infection",
        "控制判定：无新增感染天数",
    ),
    (
        "field.containment.last_day",
        "Contained: last day of that window",
        "控制判定：窗口最后一天",
    ),
    (
        "field.hospital.home_isolation_effectiveness",
        "Transmission prevented when isolated at home (no bed)",
        "无床位居家隔离阻断传播比例",
    ),
    (
        "field.epidemiology.asymptomatic_relative_infectiousness",
        "Infectiousness of asymptomatic cases (× symptomatic)",
        "无症状者传染性（相对有症状者）",
    ),
    (
        "field.epidemiology.fever_share",
        "Symptomatic cases with fever",
        "有症状者发热比例",
    ),
    (
        "field.epidemiology.household_share",
        "Transmission within households",
        "家庭内传播比例",
    ),
    (
        "field.epidemiology.max_infection_age_on_arrival",
        "Oldest infection on arrival (days)",
        "到达时最长感染天数",
    ),
    (
        "field.epidemiology.generation_interval.mean",
        "Generation interval, mean (days)",
        "代际间隔均值（天）",
    ),
    (
        "field.epidemiology.generation_interval.sd",
        "Generation interval, standard deviation",
        "代际间隔标准差",
    ),
    (
        "field.epidemiology.incubation.mean",
        "Incubation period, mean (days)",
        "潜伏期均值（天）",
    ),
    (
        "field.epidemiology.incubation.sd",
        "Incubation period, standard deviation",
        "潜伏期标准差",
    ),
    (
        "field.epidemiology.susceptible_depletion",
        "Fewer susceptible people as infections grow",
        "考虑易感人群消耗",
    ),
    (
        "field.response.zones.trigger_local_cases",
        "Local cases within 7 days that trigger zones",
        "触发封控的 7 日本土病例数",
    ),
    (
        "field.response.zones.duration_days",
        "Days zones stay after the last trigger",
        "封控持续天数",
    ),
    (
        "resource.checkpoint_staff",
        "Checkpoint inspectors",
        "卡口查验人员",
    ),
    ("resource.grid_workers", "Grid workers", "网格员"),
    ("resource.quarantine_rooms", "Quarantine rooms", "隔离房间"),
    ("resource.sampling_staff", "Sampling staff", "采样人员"),
    (
        "resource.lab_capacity",
        "Laboratory tests per day",
        "实验室日检测量",
    ),
    ("resource.tracing_staff", "Tracing staff", "流调人员"),
    ("resource.hospital_beds", "Hospital beds", "定点医院床位"),
    ("event.on_day", "Day {day}: {what}", "第 {day} 天：{what}"),
    (
        "event.unbound_use",
        "{resource}: not a limit in this scenario (peak use {use} of capacity)",
        "{resource}在本情景中不构成限制（峰值使用为容量的 {use}）",
    ),
    (
        "event.unbound_tracing",
        "{resource}: not a limit in this scenario (no detected case waited to be traced)",
        "{resource}在本情景中不构成限制（没有已发现病例等待流调）",
    ),
    (
        "event.unbound_sampling",
        "{resource}: not a limit in this scenario (no population-wide testing rounds)",
        "{resource}在本情景中不构成限制（未开展全员核酸）",
    ),
    (
        "event.infected_arrival",
        "{count} infected travellers arrive at {gateway}",
        "{count} 名感染者经 {gateway} 入城",
    ),
    (
        "event.local_infection",
        "{count} residents infected locally (e.g. cold chain)",
        "{count} 名居民本地感染（如冷链）",
    ),
    (
        "event.staff_absent",
        "{share} of {resource} off sick",
        "{resource} {share} 因病缺勤",
    ),
    (
        "event.set_level",
        "{resource} set to {level}",
        "{resource} 调整为 {level}",
    ),
    (
        "event.lab_outage",
        "laboratories down for {days}",
        "实验室停摆 {days} 天",
    ),
    (
        "event.site_closed",
        "a quarantine site closes ({rooms} rooms)",
        "一处隔离点关闭（{rooms} 间）",
    ),
    (
        "event.contact_factor",
        "routine measures change: {factor} of contacts kept",
        "常态化措施调整：保留 {factor} 的接触",
    ),
    (
        "event.declare_zones",
        "zones declared for {days}",
        "划定封控区 {days} 天",
    ),
    (
        "event.add_level",
        "{resource} increased by {amount}",
        "{resource} 增加 {amount}",
    ),
    (
        "event.arrival_surge",
        "arrivals at {gateway} × {factor} for {days}",
        "{gateway} 到达人数增至 {factor} 倍，持续 {days} 天",
    ),
    (
        "event.mass_testing",
        "{rounds} population-wide testing rounds ordered",
        "下令开展 {rounds} 轮全员核酸",
    ),
    (
        "event.none",
        "No changes planned: resources stay as set above.",
        "暂无计划变化：资源保持上述设置。",
    ),
    ("event.add", "Add event", "添加事件"),
    ("event.remove", "Remove event", "删除事件"),
    ("event.kind", "Event", "事件类型"),
    (
        "event.kind.infected_arrival",
        "Infected arrival",
        "感染者入城",
    ),
    ("event.kind.local_infection", "Local infection", "本地感染"),
    ("event.kind.staff_absent", "Staff off sick", "人员因病缺勤"),
    ("event.kind.set_level", "Change a resource", "调整资源"),
    ("event.kind.lab_outage", "Laboratory outage", "实验室停摆"),
    (
        "event.kind.quarantine_site_closed",
        "Quarantine site closes",
        "隔离点关闭",
    ),
    (
        "event.kind.set_contact_factor",
        "Change routine measures",
        "调整常态化措施",
    ),
    ("event.kind.declare_zones", "Declare zones", "划定封控区"),
    ("event.kind.add_level", "Add to a resource", "增加资源"),
    ("event.kind.arrival_surge", "Surge of arrivals", "到达人数激增"),
    (
        "event.kind.mass_testing",
        "Order population-wide testing",
        "开展全员核酸",
    ),
    ("event.field.day", "Day", "第几天"),
    ("event.field.gateway", "Gateway", "入口"),
    ("event.field.resource", "Resource", "资源"),
    ("event.field.count", "How many", "人数"),
    ("event.field.percent", "Percent", "百分比"),
    ("event.field.level", "New level", "新数量"),
    ("event.field.rooms", "Rooms", "房间数"),
    ("event.field.days", "Days", "天数"),
    ("event.field.amount", "How many more", "增加数量"),
    ("event.field.factor", "Times as many", "倍数"),
    ("event.field.rounds", "Rounds", "轮数"),
    (
        "event.invalid",
        "Enter a day from 1 to {days} and non-negative numbers",
        "请输入 1 至 {days} 的天数和非负数值",
    ),
    ("error.not_finite", "Enter a number", "请输入数字"),
    (
        "error.range",
        "Allowed: {min} to {max}",
        "允许范围：{min} 至 {max}",
    ),
    ("error.integer", "Enter a whole number", "请输入整数"),
    (
        "error.too_many",
        "{count} entries, at most {max}",
        "共 {count} 项，最多 {max} 项",
    ),
    (
        "error.no_such_gateway",
        "Gateway {number} does not exist (there are {gateways})",
        "入口 {number} 不存在（共 {gateways} 个入口）",
    ),
    (
        "error.unsupported_version",
        "Format version {found} is not supported (this Cordon reads up to {supported})",
        "不支持格式版本 {found}（当前版本最高支持 {supported}）",
    ),
    (
        "error.must_exceed",
        "Must be greater than {other}",
        "必须大于 {other}",
    ),
    (
        "error.choice",
        "“{value}” is not one of the choices",
        "“{value}”不是可选项",
    ),
    (
        "error.wrong_kind",
        "A value of the wrong kind",
        "数值类型不符",
    ),
    ("problem.line", "{place}: {message}", "{place}：{message}"),
    ("problem.gateway_n", "Gateway {number}", "入口 {number}"),
    (
        "problem.timeline",
        "Timeline event {number}",
        "时间线第 {number} 项",
    ),
    ("problem.day", "day", "日期"),
    ("problem.gateway", "gateway", "入口"),
    ("problem.amount", "amount", "数值"),
    (
        "problem.profile",
        "arrival wave point {number}",
        "客流曲线第 {number} 点",
    ),
    (
        "problem.test_day",
        "Quarantine test day {number}",
        "隔离期检测日第 {number} 项",
    ),
    ("problem.schema_version", "Format version", "格式版本"),
    ("problem.elsewhere", "Another setting", "其他设置"),
];

/// Every table of strings: the planner's, the sharing panel's, the
/// comparison's, the Decide view's and the drill's.
const TABLES: &[&[(&str, &str, &str)]] = &[
    STRINGS,
    crate::i18n_share::STRINGS,
    crate::i18n_compare::STRINGS,
    crate::i18n_decide::STRINGS,
    crate::i18n_drill::STRINGS,
];

/// The string for `key` in `lang` (the key itself when missing, so a gap shows).
pub fn t(lang: Lang, key: &str) -> String {
    TABLES
        .iter()
        .flat_map(|table| table.iter())
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| match lang {
            Lang::En => (*en).to_string(),
            Lang::Zh => (*zh).to_string(),
        })
        .unwrap_or_else(|| key.to_string())
}

/// The string for `key` with `{name}` placeholders filled in.
pub fn tf(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut text = t(lang, key);
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

fn group_thousands(digits: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn trim_decimals(text: String) -> String {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// A whole amount in full, thousands grouped in both languages ("7,395",
/// never "1.7万": what a capacity must be is read to the unit); infinite:
/// "unlimited" / "不限".
pub fn whole_amount(lang: Lang, value: f64) -> String {
    if value.is_finite() {
        let text = group_thousands(&format!("{:.0}", value.abs()));
        if value < 0.0 {
            format!("-{text}")
        } else {
            text
        }
    } else {
        number(lang, value)
    }
}

/// A count, the way a reader of `lang` expects it: `630,000` or `63万`.
pub fn number(lang: Lang, value: f64) -> String {
    if !value.is_finite() {
        return match lang {
            Lang::En => "unlimited".into(),
            Lang::Zh => "不限".into(),
        };
    }
    let negative = value < 0.0;
    let v = value.abs();
    let text = match lang {
        _ if v >= 1e12 => group_thousands(&format!("{:.0}", v)),
        Lang::Zh if v >= 100_000_000.0 => {
            format!("{}亿", trim_decimals(format!("{:.2}", v / 100_000_000.0)))
        }
        Lang::Zh if v >= 10_000.0 => {
            format!("{}万", trim_decimals(format!("{:.1}", v / 10_000.0)))
        }
        _ if v >= 100.0 || v == v.round() => group_thousands(&format!("{:.0}", v)),
        _ if v >= 10.0 => trim_decimals(format!("{v:.1}")),
        _ => trim_decimals(format!("{v:.2}")),
    };
    if negative {
        format!("-{text}")
    } else {
        text
    }
}

/// A probability as a percentage: `27.7%`.
pub fn percent(value: f64) -> String {
    if !value.is_finite() {
        return "–".into();
    }
    let p = (value * 1000.0).round() / 10.0;
    if p == p.round() {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(Lang::En, 630_000.0), "630,000");
        assert_eq!(number(Lang::Zh, 630_000.0), "63万");
        assert_eq!(number(Lang::Zh, 102_000.0), "10.2万");
        assert_eq!(number(Lang::Zh, 9_149.0), "9,149");
        assert_eq!(number(Lang::Zh, 80_000.0), "8万");
        assert_eq!(
            number(Lang::Zh, 9_007_199_254_740_991.0),
            "9,007,199,254,740,991"
        );
        assert_eq!(number(Lang::En, 3.25), "3.25");
        assert_eq!(number(Lang::En, f64::INFINITY), "unlimited");
        assert_eq!(whole_amount(Lang::Zh, 17_395.0), "17,395");
        assert_eq!(whole_amount(Lang::En, 7_395.0), "7,395");
        assert_eq!(whole_amount(Lang::Zh, f64::INFINITY), "不限");
        assert_eq!(percent(0.2771), "27.7%");
        assert_eq!(percent(0.05), "5%");
        assert_eq!(percent(0.5), "50%");
    }

    #[test]
    fn every_key_has_both_languages() {
        for (key, en, zh) in TABLES.iter().flat_map(|t| t.iter()) {
            assert!(!en.is_empty() && !zh.is_empty(), "{key}");
            // Placeholders match across languages.
            let holes = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .map(|p| p.split('}').next().unwrap_or("").to_string())
                    .collect();
                v.sort();
                v
            };
            assert_eq!(holes(en), holes(zh), "{key}");
        }
        let mut keys: Vec<&str> = TABLES
            .iter()
            .flat_map(|t| t.iter())
            .map(|(k, _, _)| *k)
            .collect();
        keys.sort();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate keys");
    }

    #[test]
    fn browser_language() {
        assert_eq!(Lang::from_browser(&["zh-CN".into()]), Lang::Zh);
        assert_eq!(Lang::from_browser(&["en-US".into(), "zh".into()]), Lang::En);
    }
}
