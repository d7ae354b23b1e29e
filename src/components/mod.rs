//! The page's components, one per file: the header and its banners, the
//! scenario editor (groups, gateways, timeline) and the results (verdict,
//! fan charts, outbreak-size histogram), and the Decide view (`decide_*`:
//! the view switch, the tornado and the optimiser). `crate::app::App`
//! composes them.

pub mod compare_chart;
pub mod compare_panel;
pub mod compare_table;
pub mod decide_optimiser;
pub mod decide_panel;
pub mod decide_staffing;
pub mod decide_switch;
pub mod decide_tornado;
pub mod decide_tornado_chart;
pub mod editor;
pub mod fan_chart;
pub mod field;
pub mod gateways;
pub mod header;
pub mod histogram;
pub mod results;
pub mod timeline;
pub mod verdict;
