//! Opening an exercise file (`cordon drill` writes the same JSON as the
//! report's export): a valid one replaces the exercise; a broken one opens
//! nothing and says why (the JSON reader's line and column, or each field
//! path with its problem), in the reader's language.

use crate::i18n::{t, tf, Lang};
use crate::problems::{error_text, syntax_text};
use cordon_engine::drill::{read_exercise, Exercise, ExerciseFileError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Largest exercise file the page reads.
const MAX_BYTES: f64 = 5_000_000.0;

/// Properties of the open-file button.
#[derive(Properties, PartialEq)]
pub struct OpenExerciseProps {
    pub lang: Lang,
    pub on_load: Callback<Exercise>,
}

/// A file picker and what became of the last file.
#[function_component(OpenExercise)]
pub fn open_exercise(props: &OpenExerciseProps) -> Html {
    let lang = props.lang;
    let problem = use_state(|| None::<(String, Vec<String>)>);
    let onchange = {
        let problem = problem.clone();
        let on_load = props.on_load.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let name = file.name();
            if file.size() > MAX_BYTES {
                problem.set(Some((name, vec![t(lang, "drill.file_too_large")])));
                return;
            }
            let (problem, on_load) = (problem.clone(), on_load.clone());
            let file = gloo::file::File::from(file);
            yew::platform::spawn_local(async move {
                let Ok(text) = gloo::file::futures::read_as_text(&file).await else {
                    problem.set(Some((name, vec![t(lang, "drill.file_unreadable")])));
                    return;
                };
                match read_exercise(&text) {
                    Ok(exercise) => {
                        problem.set(None);
                        on_load.emit(exercise);
                    }
                    Err(ExerciseFileError::Syntax {
                        line,
                        column,
                        message,
                    }) => problem.set(Some((
                        name,
                        vec![syntax_text(lang, line, column, &message)],
                    ))),
                    Err(ExerciseFileError::Invalid(errors)) => problem.set(Some((
                        name,
                        errors.0.iter().map(|e| error_text(lang, e)).collect(),
                    ))),
                }
            });
        })
    };
    html! {
        <div class="open-exercise">
            <label class="file-button">
                <span>{ t(lang, "drill.open_file") }</span>
                <input type="file" accept=".json,application/json" {onchange} data-testid="exercise-file" />
            </label>
            if let Some((name, lines)) = &*problem {
                <div class="banner error" role="alert" data-testid="exercise-file-problem">
                    <strong>{ tf(lang, "drill.file_error", &[("file", name.clone())]) }</strong>
                    <ul>{ for lines.iter().map(|l| html! { <li>{ l.clone() }</li> }) }</ul>
                </div>
            }
        </div>
    }
}
