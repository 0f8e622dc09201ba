//! A change applied to the settings in force: every field checked, by name, before any is stored;
//! what the change rebuilds; and the rules a page's network must keep.

use super::*;

impl Config {
    /// Applies `change` to a copy of this config and returns it with what the change requires.
    ///
    /// Strict (`problems` is `None`): the first bad field refuses the whole change. Lenient (a
    /// link): each bad field is reported into `problems` and left as it was, the rest applies; a
    /// loss that does not fit the output activation is reported and both are left as they were.
    /// Either way the result is a config whose fields all fit together.
    pub fn apply(
        &self,
        change: &Change,
        mut problems: Option<&mut Vec<String>>,
    ) -> Result<(Config, Effects), String> {
        let mut next = self.clone();
        let mut effects = Effects::default();
        let mut report = |result: Result<(), String>| -> Result<(), String> {
            match (result, problems.as_deref_mut()) {
                (Ok(()), _) => Ok(()),
                (Err(e), Some(list)) => {
                    list.push(e);
                    Ok(())
                }
                (Err(e), None) => Err(e),
            }
        };
        let c = change;
        let (s, h) = (&mut next.setup, &mut next.hyper);
        if let Some(p) = c.problem {
            if p != s.problem {
                // A new problem starts from its own output, loss, class count and data set (the
                // same change may still name others); the hidden layers and the hyperparameters stay.
                s.problem = p;
                (s.output_activation, s.loss) = p.output();
                s.classes = if p == Problem::MultiClass { 3 } else { 2 };
                if !s.offers(s.dataset) {
                    s.dataset = p.datasets()[0];
                }
                effects.network = true;
                effects.data = true;
            }
        }
        if let Some(n) = c.classes {
            let result = match s.problem {
                Problem::MultiClass => {
                    check::int("classes", n, *MULTI_CLASSES.start(), *MULTI_CLASSES.end())
                        .map(|v| s.classes = v as usize)
                }
                _ if n == 2.0 => Ok(()),
                p => Err(format!(
                    "classes: {} needs the multi-class problem (3 or 4 classes); {} has {}",
                    crate::base::text::Num(n),
                    p.name(),
                    if p == Problem::Regression {
                        "no classes"
                    } else {
                        "2"
                    }
                )),
            };
            if result.is_ok() && s.classes != self.setup.classes {
                effects.network = true;
                effects.data = true;
            }
            report(result)?;
        }
        if let Some(list) = &c.features {
            report(FeatureMap::new(list).map(|m| s.features = m.list().to_vec()))?;
            effects.network = true;
        }
        if let Some(list) = &c.hidden_layers {
            report(hidden_layers(list).map(|v| s.hidden_layers = v))?;
            // New layers take the last layer's activation.
            let last = s.hidden_activations.last().copied();
            let fill = last.unwrap_or(s.hidden_activation);
            s.hidden_activations.resize(s.hidden_layers.len(), fill);
            effects.network = true;
        }
        if let Some(a) = c.hidden_activation {
            report(page_activation("hiddenActivation", a).map(|()| {
                s.hidden_activation = a;
                s.hidden_activations = vec![a; s.hidden_layers.len()];
            }))?;
            effects.network = true;
        }
        if let Some(list) = &c.hidden_activations {
            report(layer_activations(list, s.hidden_layers.len()).map(|()| {
                s.hidden_activations = list.clone();
                if let Some(&a) = list.first() {
                    s.hidden_activation = a;
                }
            }))?;
            effects.network = true;
        }
        if let Some(a) = c.output_activation {
            s.output_activation = a;
            effects.network = true;
        }
        if let Some(l) = c.loss {
            s.loss = l;
            effects.network = true;
        }
        if let Some(i) = c.init {
            s.init = i;
            effects.network = true;
        }
        if let Some(n) = c.seed {
            report(check::seed("seed", n).map(|v| s.seed = v))?;
            effects.network = true;
            effects.data = true;
        }
        if let Some(d) = c.dataset {
            let offered = s.problem.datasets();
            report(if s.offers(d) {
                s.dataset = d;
                Ok(())
            } else if d == Generator::Own {
                Err(match &s.own {
                    None => "dataset: \"own\" is a table of your own, and none is loaded: \
                             load one first (Data set: Your data)"
                        .to_string(),
                    Some(own) => format!(
                        "dataset: your table's label \"{}\" makes a {} problem, not {}",
                        own.meta.target,
                        Problem::of_table(own).name(),
                        s.problem.name()
                    ),
                })
            } else {
                let names: Vec<&str> = offered.iter().map(|g| g.name()).collect();
                Err(format!(
                    "dataset: \"{}\" is not a {} data set; choose one of {}",
                    d.name(),
                    s.problem.name(),
                    names.join(", ")
                ))
            })?;
            effects.data = true;
        }
        // A real data set has as many classes as it has species.
        if let Some(k) = s.fixed_classes() {
            if s.classes != k {
                let asked = c.classes.is_some_and(|n| n != k as f64);
                s.classes = k;
                effects.network = true;
                effects.data = true;
                if asked {
                    report(Err(if s.dataset == Generator::Own {
                        format!("classes: your table has {k} classes, its label's values")
                    } else {
                        format!(
                            "classes: the {} data set has {k} classes, its species",
                            s.dataset.name()
                        )
                    }))?;
                }
            }
        }
        // The slice the plot shows: one value per input beyond the plane's two.
        let more = s.more_inputs();
        if let Some(list) = &c.slice {
            report(slice(list, more).map(|()| s.slice = list.clone()))?;
        }
        if s.slice.len() != more {
            s.slice = s.own_data().map(|o| o.medians()).unwrap_or_default();
        }
        if let Some(text) = &c.curve {
            report(
                Curve::parse(text)
                    .map(|v| s.curve = v)
                    .map_err(|e| format!("curve: {e}")),
            )?;
            effects.data |= s.dataset == Generator::Curve;
        }
        if let Some(n) = c.points {
            let max = crate::app::files::MAX_POINTS as u64;
            report(check::int("points", n, 0, max).map(|v| s.points = v as usize))?;
            effects.data = true;
        }
        if let Some(n) = c.noise {
            report(check::real("noise", n, 0.0, 1.0).map(|v| s.noise = v))?;
            effects.data = true;
        }
        if let Some(n) = c.test_fraction {
            report(check::real("testFraction", n, 0.0, 0.9).map(|v| s.test_fraction = v))?;
            effects.data = true;
        }
        if let Some(n) = c.learning_rate {
            report(
                check::real("learningRate", n, LEARNING_RATES.0, LEARNING_RATES.1)
                    .map(|v| h.learning_rate = v),
            )?;
        }
        if let Some(n) = c.batch_size {
            let max = MAX_BATCH as u64;
            report(check::int("batchSize", n, 0, max).map(|v| h.batch_size = v as usize))?;
        }
        if let Some(k) = c.optimizer {
            h.optimizer = k;
        }
        if let Some(n) = c.momentum {
            report(check::real("momentum", n, 0.0, 0.999).map(|v| h.momentum = v))?;
        }
        if let Some(n) = c.l1 {
            report(check::real("l1", n, 0.0, 1.0).map(|v| h.l1 = v))?;
        }
        if let Some(n) = c.l2 {
            report(check::real("l2", n, 0.0, 1.0).map(|v| h.l2 = v))?;
        }
        if let Some(m) = c.method {
            h.method = m;
        }
        if let Some(p) = c.precision {
            h.precision = p;
        }
        if next.setup.layer_sizes() != self.setup.layer_sizes() {
            effects.network = true;
        }
        if let Err(e) = next.setup.check() {
            // What was in force, or under a new problem what it starts with.
            let (output, loss) = if next.setup.problem == self.setup.problem {
                (self.setup.output_activation, self.setup.loss)
            } else {
                next.setup.problem.output()
            };
            report(Err(format!(
                "{e}; loss and outputActivation stay {} and {}",
                loss.name(),
                output.name()
            )))?;
            next.setup.loss = loss;
            next.setup.output_activation = output;
        }
        Ok((next, effects))
    }
}

/// `list` if it holds a value on the plane for each of the `more` inputs beyond the plane's two.
fn slice(list: &[f64], more: usize) -> Result<(), String> {
    if list.len() != more {
        return Err(format!(
            "slice: {} values given for {more} inputs beyond the plot's two",
            list.len()
        ));
    }
    for (i, &v) in list.iter().enumerate() {
        check::real(&format!("slice[{i}]"), v, -1.0, 1.0)?;
    }
    Ok(())
}

/// `list` if it gives each of `layers` hidden layers an activation free play offers.
fn layer_activations(list: &[Activation], layers: usize) -> Result<(), String> {
    if list.len() != layers {
        return Err(format!(
            "hiddenActivations: {} given for {layers} hidden layers",
            list.len()
        ));
    }
    for (i, &a) in list.iter().enumerate() {
        page_activation(&format!("hiddenActivations[{i}]"), a)?;
    }
    Ok(())
}

fn hidden_layers(list: &[f64]) -> Result<Vec<usize>, String> {
    if list.len() > limits::MAX_HIDDEN_LAYERS {
        return Err(format!(
            "hiddenLayers: {} layers, at most {} allowed",
            list.len(),
            limits::MAX_HIDDEN_LAYERS
        ));
    }
    list.iter()
        .enumerate()
        .map(|(i, &n)| {
            let name = format!("hiddenLayers[{i}]");
            check::int(&name, n, 1, limits::MAX_NEURONS as u64).map(|n| n as usize)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(json: &str) -> Change {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn errors_name_the_field_and_change_nothing() {
        let c = defaults();
        let e = c
            .apply(&change(r#"{"learningRate": -1}"#), None)
            .unwrap_err();
        assert!(e.starts_with("learningRate:") && e.contains("-1"), "{e}");
        let e = c
            .apply(&change(r#"{"hiddenLayers": [3, 65]}"#), None)
            .unwrap_err();
        assert!(e.contains("hiddenLayers[1]") && e.contains("65"), "{e}");
        let e = c
            .apply(&change(r#"{"outputActivation": "softmax"}"#), None)
            .unwrap_err();
        assert!(e.starts_with("loss:"), "{e}");
        assert_eq!(c, defaults());
    }

    #[test]
    fn a_lenient_change_keeps_what_fits_in_any_order() {
        let c = defaults();
        let mut problems = Vec::new();
        // softmax needs its loss: both come in one change, in the "wrong" order, with a bad rate.
        let (next, effects) = c
            .apply(
                &change(
                    r#"{"outputActivation":"softmax","learningRate":99,"loss":"softmaxCrossEntropy","noise":0.5}"#,
                ),
                Some(&mut problems),
            )
            .unwrap();
        assert_eq!(next.setup.output_activation, OutputActivation::Softmax);
        assert_eq!(next.setup.loss, Loss::SoftmaxCrossEntropy);
        assert_eq!(next.setup.noise, 0.5);
        assert_eq!(next.hyper.learning_rate, 0.1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("learningRate: 99"), "{problems:?}");
        assert_eq!(
            effects,
            Effects {
                network: true,
                data: true
            }
        );
        // A live setting needs no redraw of the network or the points.
        let (_, effects) = c.apply(&change(r#"{"learningRate":0.3}"#), None).unwrap();
        assert_eq!(effects, Effects::default());
    }

    #[test]
    fn unknown_fields_and_names_are_refused() {
        let e = serde_json::from_str::<Change>(r#"{"wobble": 1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown field `wobble`"), "{e}");
        let e = serde_json::from_str::<Change>(r#"{"hiddenActivation": "swish"}"#).unwrap_err();
        assert!(
            e.to_string().contains("\"swish\" is not one of sigmoid"),
            "{e}"
        );
    }
}
