//! Strings of the drill view (桌面推演): (key, English, Chinese).

pub const STRINGS: &[(&str, &str, &str)] = &[
    ("drill.tab", "Drill", "演练"),
    (
        "drill.open_hint",
        "Play this scenario day by day in front of a room (tabletop exercise)",
        "在会场上逐日推演本情景（桌面推演）",
    ),
    (
        "drill.replay_failed",
        "The exercise cannot be replayed: {message}",
        "无法重放本次演练：{message}",
    ),
    (
        "drill.run_to_invalid",
        "Choose a day from {from} to {to}",
        "请选择第 {from} 天至第 {to} 天之间的日期",
    ),
    (
        "drill.schedule_invalid",
        "An inject can be scheduled for a day not yet played, from {from} to {to}",
        "情况注入只能安排在尚未推演的日期：第 {from} 天至第 {to} 天",
    ),
    (
        "drill.fork_invalid",
        "A branch starts after a day already played on the main line: 0 to {to}",
        "分支只能从主线已推演的日期开始：0 至 {to}",
    ),
    (
        "drill.pick_wait",
        "The Monte Carlo runs are not finished yet: wait for them to pick a bad one",
        "蒙特卡洛模拟尚未完成，请稍候再选“较差的一次”",
    ),
    (
        "drill.at_end",
        "The exercise has reached the last day of the scenario",
        "演练已到情景的最后一天",
    ),
];
