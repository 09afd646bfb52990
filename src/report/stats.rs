//! The report's statistics as typed data: the keys of the three tables as
//! enums, the value type, and a table of values keyed by (row, column).
//!
//! The key names are the SPEC's and `templates.json`'s: the template data
//! names its rows and columns with these keys and is parsed into the enums,
//! so a key renamed on one side only is an error when the templates load
//! (the test `templates_parse_and_are_consistent` loads them), never a check
//! silently switched off. The JSON shape is the SPEC's: a row's place in the
//! object is its key's path (`results.withheld.state_secret` is
//! `{"results": {"withheld": {"state_secret": {…}}}}`).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A row, column or group key of a statistics table.
///
/// Import the trait to call [`Key::key`] or to list every key with
/// [`Key::ALL`].
pub trait Key: Copy + Ord + fmt::Debug + 'static {
    /// Every key, in the order the SPEC lists them.
    const ALL: &'static [Self];

    /// The key as the SPEC and `templates.json` write it:
    /// `"results.withheld.state_secret"`.
    fn key(self) -> &'static str;

    /// Where the key sits in the JSON object, outermost first:
    /// `["results", "withheld", "state_secret"]`.
    fn path(self) -> &'static [&'static str];

    /// The key named `key`, if there is one.
    fn from_key(key: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.key() == key)
    }
}

/// Declares a key enum: each variant with its JSON path segments; the key is
/// the segments joined by dots.
macro_rules! keys {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = [$first:literal $(, $rest:literal)*], )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl Key for $name {
            const ALL: &'static [Self] = &[$($name::$variant,)*];

            fn key(self) -> &'static str {
                match self {
                    $( $name::$variant => concat!($first $(, ".", $rest)*), )*
                }
            }

            fn path(self) -> &'static [&'static str] {
                match self {
                    $( $name::$variant => &[$first $(, $rest)*], )*
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.key())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let key = String::deserialize(deserializer)?;
                <$name as Key>::from_key(&key).ok_or_else(|| {
                    let known: Vec<&str> = <$name as Key>::ALL.iter().map(|k| k.key()).collect();
                    de::Error::custom(format!(
                        "unknown {} key \"{key}\" (known: {})",
                        stringify!($name),
                        known.join(", ")
                    ))
                })
            }
        }
    };
}

keys! {
    /// A row of the proactive-disclosure table (二、主动公开政府信息情况).
    pub enum ProactiveRow {
        /// 规章.
        Rules = ["rules"],
        /// 规范性文件 (2019), 行政规范性文件 (2021).
        NormativeDocuments = ["normative_documents"],
        /// 行政许可.
        Licensing = ["licensing"],
        /// 其他对外管理服务事项 (2019 only).
        OtherServices = ["other_services"],
        /// 行政处罚.
        Penalties = ["penalties"],
        /// 行政强制.
        CoerciveMeasures = ["coercive_measures"],
        /// 行政事业性收费.
        Fees = ["fees"],
        /// 政府集中采购 (2019 only).
        Procurement = ["procurement"],
    }
}

keys! {
    /// A column of the proactive-disclosure table; which ones a row has
    /// depends on the row and the template version (`templates.json`).
    pub enum ProactiveColumn {
        /// 本年新制作数量 (2019).
        Made = ["made"],
        /// 本年新公开数量 (2019).
        Published = ["published"],
        /// 对外公开总数量 (2019).
        Total = ["total"],
        /// 上一年项目数量 (2019).
        PreviousItems = ["previous_items"],
        /// 本年增/减 (2019), signed.
        Change = ["change"],
        /// 处理决定数量 (2019), 本年处理决定数量 (2021).
        Decisions = ["decisions"],
        /// 采购项目数量 (2019).
        Items = ["items"],
        /// 采购总金额 (2019), 本年收费金额 (2021): an amount of money; its
        /// row has a unit ([`Statistics::amount_unit`]).
        Amount = ["amount"],
        /// 本年制发件数 (2021).
        Issued = ["issued"],
        /// 本年废止件数 (2021).
        Repealed = ["repealed"],
        /// 现行有效件数 (2021).
        InForce = ["in_force"],
    }
}

keys! {
    /// A row of the applications table (三、收到和处理政府信息公开申请情况).
    pub enum ApplicationRow {
        /// 一、本年新收政府信息公开申请数量.
        New = ["new"],
        /// 二、上年结转政府信息公开申请数量.
        CarriedOver = ["carried_over"],
        /// （一）予以公开.
        Granted = ["results", "granted"],
        /// （二）部分公开.
        PartlyGranted = ["results", "partly_granted"],
        /// （三）不予公开 1.属于国家秘密.
        WithheldStateSecret = ["results", "withheld", "state_secret"],
        /// 2.其他法律行政法规禁止公开.
        WithheldProhibitedByLaw = ["results", "withheld", "prohibited_by_law"],
        /// 3.危及“三安全一稳定”.
        WithheldEndangersSecurity = ["results", "withheld", "endangers_security"],
        /// 4.保护第三方合法权益.
        WithheldThirdPartyRights = ["results", "withheld", "third_party_rights"],
        /// 5.属于三类内部事务信息.
        WithheldInternalAffairs = ["results", "withheld", "internal_affairs"],
        /// 6.属于四类过程性信息.
        WithheldProcessInfo = ["results", "withheld", "process_info"],
        /// 7.属于行政执法案卷.
        WithheldEnforcementFiles = ["results", "withheld", "enforcement_files"],
        /// 8.属于行政查询事项.
        WithheldInquiryMatters = ["results", "withheld", "inquiry_matters"],
        /// （四）无法提供 1.本机关不掌握相关政府信息.
        UnavailableNotHeld = ["results", "unavailable", "not_held"],
        /// 2.没有现成信息需要另行制作.
        UnavailableNeedsCreation = ["results", "unavailable", "needs_creation"],
        /// 3.补正后申请内容仍不明确.
        UnavailableStillUnclear = ["results", "unavailable", "still_unclear"],
        /// （五）不予处理 1.信访举报投诉类申请.
        NotProcessedPetition = ["results", "not_processed", "petition"],
        /// 2.重复申请.
        NotProcessedRepeated = ["results", "not_processed", "repeated"],
        /// 3.要求提供公开出版物.
        NotProcessedPublications = ["results", "not_processed", "publications"],
        /// 4.无正当理由大量反复申请.
        NotProcessedExcessive = ["results", "not_processed", "excessive"],
        /// 5.要求行政机关确认或重新出具已获取信息.
        NotProcessedConfirmation = ["results", "not_processed", "confirmation"],
        /// （六）其他处理 as one row (2019, and a 2021 report without its sub-rows).
        Other = ["results", "other"],
        /// （六） 1.申请人无正当理由逾期不补正… (2021).
        OtherNoCorrection = ["results", "other", "no_correction"],
        /// （六） 2.申请人逾期未按收费通知要求缴纳费用… (2021).
        OtherUnpaidFee = ["results", "other", "unpaid_fee"],
        /// （六） 3.其他 (2021).
        OtherOther = ["results", "other", "other"],
        /// （七）总计.
        ResultsTotal = ["results", "total"],
        /// 四、结转下年度继续办理.
        CarriedForward = ["carried_forward"],
    }
}

impl ApplicationRow {
    /// A result row that the results total sums: every row of 三、本年度办理结果
    /// but （七）总计.
    pub fn is_result(self) -> bool {
        !matches!(
            self,
            ApplicationRow::New
                | ApplicationRow::CarriedOver
                | ApplicationRow::ResultsTotal
                | ApplicationRow::CarriedForward
        )
    }
}

keys! {
    /// A column of the applications table: a kind of applicant, or the total.
    pub enum ApplicantColumn {
        /// 自然人.
        NaturalPerson = ["natural_person"],
        /// 商业企业.
        Commercial = ["commercial"],
        /// 科研机构.
        Research = ["research"],
        /// 社会公益组织.
        SocialOrg = ["social_org"],
        /// 法律服务机构.
        LegalService = ["legal_service"],
        /// 其他.
        Other = ["other"],
        /// 总计.
        Total = ["total"],
    }
}

keys! {
    /// A group of the reviews-and-litigation table (四).
    pub enum ReviewGroup {
        /// 行政复议.
        Review = ["review"],
        /// 行政诉讼 · 未经复议直接起诉.
        LitigationDirect = ["litigation_direct"],
        /// 行政诉讼 · 复议后起诉.
        LitigationAfterReview = ["litigation_after_review"],
    }
}

keys! {
    /// A column of each group of the reviews-and-litigation table.
    pub enum ReviewColumn {
        /// 结果维持.
        Upheld = ["upheld"],
        /// 结果纠正.
        Corrected = ["corrected"],
        /// 其他结果.
        Other = ["other"],
        /// 尚未审结.
        Pending = ["pending"],
        /// 总计.
        Total = ["total"],
    }
}

keys! {
    /// The three statistics tables, as the report object names them.
    pub enum TableKind {
        /// 二、主动公开政府信息情况: [`Report::proactive`](super::Report::proactive).
        Proactive = ["proactive"],
        /// 三、收到和处理政府信息公开申请情况: [`Report::applications`](super::Report::applications).
        Applications = ["applications"],
        /// 四、政府信息公开行政复议、行政诉讼情况: [`Report::reviews`](super::Report::reviews).
        Reviews = ["reviews"],
    }
}

/// One statistic of a report: a table, a row (or group) and a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stat {
    /// A value of the proactive-disclosure table.
    Proactive(ProactiveRow, ProactiveColumn),
    /// A value of the applications table.
    Applications(ApplicationRow, ApplicantColumn),
    /// A value of the reviews-and-litigation table.
    Reviews(ReviewGroup, ReviewColumn),
}

impl Stat {
    /// The table the statistic is in.
    pub fn table(self) -> TableKind {
        match self {
            Stat::Proactive(..) => TableKind::Proactive,
            Stat::Applications(..) => TableKind::Applications,
            Stat::Reviews(..) => TableKind::Reviews,
        }
    }

    /// The statistic's full key, table, row and column:
    /// `"applications.results.granted.total"` (the summary CSV's column name).
    pub fn name(self) -> String {
        let (row, column) = match self {
            Stat::Proactive(r, c) => (r.key(), c.key()),
            Stat::Applications(r, c) => (r.key(), c.key()),
            Stat::Reviews(r, c) => (r.key(), c.key()),
        };
        [self.table().key(), row, column].join(".")
    }
}

impl fmt::Display for Stat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// A statistic's value: an integer, or a decimal number (amounts).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Number {
    /// A count.
    Int(i64),
    /// A number written with a fraction (an amount of money).
    Dec(f64),
}

impl Number {
    /// The value as a float.
    pub fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Dec(f) => f,
        }
    }

    /// The value when it is an integer.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::Int(i) => Some(i),
            Number::Dec(_) => None,
        }
    }

    /// Equal as numbers: integers exactly, decimals within 1e-6.
    pub fn equals(self, other: Number) -> bool {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a == b,
            (a, b) => (a.as_f64() - b.as_f64()).abs() < 1e-6,
        }
    }

    /// The number as JSON (a decimal that is not finite is null).
    fn json(self) -> Option<serde_json::Number> {
        match self {
            Number::Int(i) => Some(i.into()),
            Number::Dec(f) => serde_json::Number::from_f64(f),
        }
    }

    /// The number of a JSON value; `None` for anything else.
    pub(crate) fn of_json(value: &Value) -> Option<Number> {
        match value {
            Value::Number(n) => n.as_i64().map(Number::Int).or_else(|| n.as_f64().map(Number::Dec)),
            _ => None,
        }
    }
}

impl std::ops::Add for Number {
    type Output = Number;

    /// The sum; integers stay integers unless the sum overflows.
    fn add(self, other: Number) -> Number {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.checked_add(b).map_or(Number::Dec(a as f64 + b as f64), Number::Int),
            (a, b) => Number::Dec(a.as_f64() + b.as_f64()),
        }
    }
}

impl fmt::Display for Number {
    /// As JSON writes it: `12`, `12.5`, `4.0`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.json() {
            Some(n) => write!(f, "{n}"),
            None => f.write_str("null"),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.json().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Number::of_json(&value).ok_or_else(|| de::Error::custom(format!("{value} is not a number")))
    }
}

/// A value as JSON: the number, or null.
pub(crate) fn json_of(value: Option<Number>) -> Value {
    value.and_then(Number::json).map_or(Value::Null, Value::Number)
}

/// A value as the messages write it: the number, or `null`.
pub(crate) fn shown(value: Option<Number>) -> String {
    value.map_or_else(|| "null".to_string(), |n| n.to_string())
}

/// The key of an amount's unit beside the amount in a proactive row.
const AMOUNT_UNIT: &str = "amount_unit";

/// The values of one statistics table, by row and column.
///
/// A row of the template version is present whenever the table was found
/// (all its columns, `None` for a blank cell); a value is `None` when the
/// document left the cell blank, wrote a dash, or wrote text that is not a
/// number. Rows and columns iterate in the order of the key enums.
#[derive(Debug, Clone, PartialEq)]
pub struct Statistics<R: Key, C: Key> {
    rows: BTreeMap<R, BTreeMap<C, Option<Number>>>,
    /// The unit of a row's amount (written in the cell, else in the column
    /// header), for rows with an amount column.
    units: BTreeMap<R, Option<String>>,
}

impl<R: Key, C: Key> Default for Statistics<R, C> {
    fn default() -> Self {
        Statistics { rows: BTreeMap::new(), units: BTreeMap::new() }
    }
}

impl<R: Key, C: Key> Statistics<R, C> {
    /// The value at (`row`, `column`); `None` when the cell is blank or the
    /// table has no such row or column.
    pub fn get(&self, row: R, column: C) -> Option<Number> {
        self.rows.get(&row).and_then(|r| r.get(&column)).copied().flatten()
    }

    /// True when the table has this row and column (its value may be blank).
    pub fn contains(&self, row: R, column: C) -> bool {
        self.rows.get(&row).is_some_and(|r| r.contains_key(&column))
    }

    /// The rows present, in key order.
    pub fn rows(&self) -> impl Iterator<Item = R> + '_ {
        self.rows.keys().copied()
    }

    /// The columns of `row` with their values, in key order (empty when the
    /// row is absent).
    pub fn row(&self, row: R) -> impl Iterator<Item = (C, Option<Number>)> + '_ {
        self.rows.get(&row).into_iter().flat_map(|r| r.iter().map(|(c, v)| (*c, *v)))
    }

    /// Every value: (row, column, value), rows then columns in key order.
    pub fn iter(&self) -> impl Iterator<Item = (R, C, Option<Number>)> + '_ {
        self.rows.iter().flat_map(|(r, columns)| columns.iter().map(move |(c, v)| (*r, *c, *v)))
    }

    /// The unit of `row`'s amount ("万元", "元"), when the row has an amount
    /// and the document says its unit.
    pub fn amount_unit(&self, row: R) -> Option<&str> {
        self.units.get(&row).and_then(Option::as_deref)
    }

    /// (blank values, values): units are not values.
    pub fn nulls(&self) -> (usize, usize) {
        self.iter().fold((0, 0), |(nulls, all), (_, _, v)| (nulls + usize::from(v.is_none()), all + 1))
    }

    /// Adds (or replaces) `row` with its values.
    pub(crate) fn insert_row(&mut self, row: R, values: BTreeMap<C, Option<Number>>) {
        self.rows.insert(row, values);
    }

    /// Sets the unit of `row`'s amount.
    pub(crate) fn set_unit(&mut self, row: R, unit: Option<String>) {
        self.units.insert(row, unit);
    }

    /// The SPEC's object: each row's values at its key's path.
    fn to_json(&self) -> Map<String, Value> {
        let mut root = Map::new();
        for (row, columns) in &self.rows {
            let mut object: Map<String, Value> =
                columns.iter().map(|(c, v)| (c.key().to_string(), json_of(*v))).collect();
            if let Some(unit) = self.units.get(row) {
                object.insert(AMOUNT_UNIT.to_string(), unit.clone().map_or(Value::Null, Value::String));
            }
            let (leaf, groups) = row.path().split_last().expect("a key has a path");
            let mut parent = &mut root;
            for group in groups {
                let child = parent.entry(group.to_string()).or_insert_with(|| Value::Object(Map::new()));
                // Keys are declared so that no row lies inside another row.
                let Value::Object(map) = child else { unreachable!("a group key is also a row key") };
                parent = map;
            }
            parent.insert(leaf.to_string(), Value::Object(object));
        }
        root
    }

    /// Reads the SPEC's object back: every row key whose path leads to an
    /// object of values. Keys this version does not know are left out.
    fn from_json(object: &Map<String, Value>) -> Result<Self, String> {
        let mut table = Statistics::default();
        for &row in R::ALL {
            let (first, rest) = row.path().split_first().expect("a key has a path");
            let found = rest.iter().fold(object.get(*first), |v, key| v.and_then(|v| v.get(*key)));
            let Some(Value::Object(values)) = found else { continue };
            if values.values().any(Value::is_object) {
                continue; // a group of rows in this template version
            }
            let mut columns = BTreeMap::new();
            for &column in C::ALL {
                match values.get(column.key()) {
                    None => {}
                    Some(Value::Null) => {
                        columns.insert(column, None);
                    }
                    Some(v) => {
                        let n = Number::of_json(v)
                            .ok_or_else(|| format!("{}.{}: {v} is not a number", row.key(), column.key()))?;
                        columns.insert(column, Some(n));
                    }
                }
            }
            if let Some(unit) = values.get(AMOUNT_UNIT) {
                table.units.insert(row, unit.as_str().map(str::to_string));
            }
            table.rows.insert(row, columns);
        }
        Ok(table)
    }
}

impl<R: Key, C: Key> Serialize for Statistics<R, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

impl<'de, R: Key, C: Key> Deserialize<'de> for Statistics<R, C> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let object = Map::deserialize(deserializer)?;
        Statistics::from_json(&object).map_err(de::Error::custom)
    }
}

/// The proactive-disclosure table (二).
pub type Proactive = Statistics<ProactiveRow, ProactiveColumn>;
/// The applications table (三).
pub type Applications = Statistics<ApplicationRow, ApplicantColumn>;
/// The reviews-and-litigation table (四): groups as rows.
pub type Reviews = Statistics<ReviewGroup, ReviewColumn>;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_name_their_paths() {
        assert_eq!(ApplicationRow::WithheldStateSecret.key(), "results.withheld.state_secret");
        assert_eq!(ApplicationRow::WithheldStateSecret.path(), ["results", "withheld", "state_secret"]);
        assert_eq!(ApplicationRow::from_key("results.other.other"), Some(ApplicationRow::OtherOther));
        assert_eq!(ApplicationRow::from_key("results.other.nothing"), None);
        assert_eq!(Stat::Reviews(ReviewGroup::Review, ReviewColumn::Total).name(), "reviews.review.total");
        for &row in ApplicationRow::ALL {
            assert_eq!(row.path().join("."), row.key());
        }
    }

    #[test]
    fn rows_nest_by_their_paths_and_read_back() {
        let mut table = Applications::default();
        table.insert_row(ApplicationRow::New, BTreeMap::from([(ApplicantColumn::Total, Some(Number::Int(3)))]));
        table.insert_row(
            ApplicationRow::WithheldStateSecret,
            BTreeMap::from([(ApplicantColumn::Total, None), (ApplicantColumn::Other, Some(Number::Dec(1.5)))]),
        );
        let value = serde_json::to_value(&table).unwrap();
        assert_eq!(
            value,
            json!({"new": {"total": 3}, "results": {"withheld": {"state_secret": {"other": 1.5, "total": null}}}})
        );
        let back: Applications = serde_json::from_value(value).unwrap();
        assert_eq!(back, table);
        assert_eq!(back.get(ApplicationRow::WithheldStateSecret, ApplicantColumn::Other), Some(Number::Dec(1.5)));
        assert!(back.contains(ApplicationRow::WithheldStateSecret, ApplicantColumn::Total));
        assert_eq!(back.nulls(), (1, 3));
    }

    #[test]
    fn a_group_of_rows_is_not_a_row() {
        let value = json!({"results": {"other": {"other": {"total": 1}, "unpaid_fee": {"total": 2}}}});
        let table: Applications = serde_json::from_value(value).unwrap();
        assert_eq!(table.rows().collect::<Vec<_>>(), [ApplicationRow::OtherUnpaidFee, ApplicationRow::OtherOther]);
        let value = json!({"results": {"other": {"other": 4, "total": 4}}});
        let table: Applications = serde_json::from_value(value).unwrap();
        assert_eq!(table.rows().collect::<Vec<_>>(), [ApplicationRow::Other]);
        assert_eq!(table.get(ApplicationRow::Other, ApplicantColumn::Other), Some(Number::Int(4)));
    }

    #[test]
    fn units_are_not_values() {
        let mut table = Proactive::default();
        table.insert_row(ProactiveRow::Fees, BTreeMap::from([(ProactiveColumn::Amount, Some(Number::Dec(12.5)))]));
        table.set_unit(ProactiveRow::Fees, Some("万元".into()));
        assert_eq!(serde_json::to_value(&table).unwrap(), json!({"fees": {"amount": 12.5, "amount_unit": "万元"}}));
        assert_eq!(table.amount_unit(ProactiveRow::Fees), Some("万元"));
        assert_eq!(table.nulls(), (0, 1));
    }

    #[test]
    fn numbers_print_as_json_does() {
        assert_eq!(Number::Int(-18).to_string(), "-18");
        assert_eq!(Number::Dec(12.35).to_string(), "12.35");
        assert_eq!(Number::Dec(f64::NAN).to_string(), "null");
        assert_eq!(shown(None), "null");
        assert_eq!(Number::Int(i64::MAX) + Number::Int(1), Number::Dec(i64::MAX as f64 + 1.0));
        assert!(Number::Int(3).equals(Number::Dec(3.0000001)));
    }
}
