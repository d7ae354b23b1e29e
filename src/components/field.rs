//! One editable field, as the engine's registry defines it: a text input for
//! a number, a checkbox for a switch, a list for a choice. Its id and
//! `data-testid` are the engine path (`gateways[0].checkpoint.posts`), so a
//! problem the engine reports for that path is shown right here, and so is
//! a warning (valid but probably not meant, `cordon_engine::warnings`).

use crate::fields::{display, is_percent};
use crate::i18n::{t, Lang};
use crate::planner::{Action, PlannerState};
use crate::problems::{input_message, warning_message};
use cordon_engine::fields::{Field, FieldValue, Kind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Properties of one field's row.
#[derive(Properties, PartialEq)]
pub struct FieldRowProps {
    pub field: &'static Field,
    pub gateway: Option<usize>,
    pub lang: Lang,
    /// The scenario's value.
    pub value: Option<FieldValue>,
    /// What the input shows for a number (the typed text, or the value).
    pub text: String,
    /// What is wrong, in the page's language.
    pub problem: Option<String>,
    /// What is probably not meant, in the page's language.
    #[prop_or_default]
    pub warning: Option<String>,
    /// Text typed into a number field.
    pub on_edit: Callback<String>,
    /// A switch flipped or a choice made.
    pub on_set: Callback<FieldValue>,
}

/// The row's properties for `field` of gateway `gateway` in `state`.
pub fn row_props(
    state: &PlannerState,
    field: &'static Field,
    gateway: Option<usize>,
    dispatch: &Callback<Action>,
) -> FieldRowProps {
    let id = field.id(gateway);
    let text = state
        .drafts
        .get(&id)
        .map(|d| d.text.clone())
        .unwrap_or_else(|| display(field, &state.scenario, gateway));
    let problem = state
        .field_problem(field, gateway)
        .map(|e| input_message(state.lang, &e));
    let warning = cordon_engine::warnings(&state.scenario)
        .into_iter()
        .find(|w| w.path == id)
        .map(|w| warning_message(state.lang, &w));
    let edit = dispatch.clone();
    let set = dispatch.clone();
    FieldRowProps {
        field,
        gateway,
        lang: state.lang,
        value: field.get(&state.scenario, gateway),
        text,
        problem,
        warning,
        on_edit: Callback::from(move |text| {
            edit.emit(Action::Edit {
                field,
                gateway,
                text,
            })
        }),
        on_set: Callback::from(move |value| {
            set.emit(Action::Set {
                field,
                gateway,
                value,
            })
        }),
    }
}

/// One field: label, input and, when there is one, its problem.
#[function_component(FieldRow)]
pub fn field_row(props: &FieldRowProps) -> Html {
    let field = props.field;
    let lang = props.lang;
    let id = field.id(props.gateway);
    let label = t(lang, &field.label_key());
    let error_id = format!("{id}-error");
    let problem = props.problem.clone().map(|message| {
        html! {
            <span class="field-error" id={error_id.clone()} data-testid={error_id.clone()} role="alert">{ message }</span>
        }
    });
    let warning_id = format!("{id}-warning");
    let warning = props.warning.clone().map(|message| {
        html! {
            <span class="field-warning" id={warning_id.clone()} data-testid={warning_id.clone()} role="status">{ message }</span>
        }
    });
    let invalid = props.problem.is_some().to_string();
    let described = if props.problem.is_some() {
        Some(error_id.clone())
    } else {
        props.warning.is_some().then(|| warning_id.clone())
    };
    match field.kind {
        Kind::Switch => {
            let on = matches!(props.value, Some(FieldValue::Switch(true)));
            let set = props.on_set.clone();
            let onchange = Callback::from(move |e: Event| {
                let input: HtmlInputElement = e.target_unchecked_into();
                set.emit(FieldValue::Switch(input.checked()));
            });
            html! {
                <label class="toggle">
                    <input type="checkbox" id={id.clone()} data-testid={id} checked={on} {onchange}
                        aria-invalid={invalid} aria-describedby={described} />
                    <span>{ label }</span>
                    { for problem }
                </label>
            }
        }
        Kind::Choice => {
            let now = match &props.value {
                Some(FieldValue::Choice(name)) => name.clone(),
                _ => String::new(),
            };
            let set = props.on_set.clone();
            let onchange = Callback::from(move |e: Event| {
                let select: HtmlSelectElement = e.target_unchecked_into();
                set.emit(FieldValue::Choice(select.value()));
            });
            html! {
                <label class="field">
                    <span>{ label }</span>
                    <select id={id.clone()} data-testid={id} {onchange}
                        aria-invalid={invalid} aria-describedby={described}>
                        { for field.options().into_iter().map(|name| {
                            let text = t(lang, &format!("{}.{name}", field.options_family));
                            html! { <option value={name.clone()} selected={name == now}>{ text }</option> }
                        }) }
                    </select>
                    { for problem }
                </label>
            }
        }
        Kind::Count | Kind::Real => {
            let edit = props.on_edit.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                edit.emit(input.value());
            });
            let unit = if is_percent(field) { "%" } else { "" };
            html! {
                <label class="field">
                    <span>{ label }</span>
                    <span class="input">
                        <input
                            type="text"
                            inputmode="decimal"
                            id={id.clone()}
                            data-testid={id}
                            value={props.text.clone()}
                            aria-invalid={invalid}
                            aria-describedby={described}
                            {oninput}
                        />
                        { unit }
                    </span>
                    { for problem }
                    { for warning }
                </label>
            }
        }
    }
}
