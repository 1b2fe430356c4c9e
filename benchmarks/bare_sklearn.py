"""Referência do benchmark: o mesmo ajuste, escrito só com pandas e scikit-learn.

Mesmos dados, mesma limpeza de linhas, mesma divisão, mesmos algoritmos e
grades, mesma validação cruzada. Não tem as conveniências do mlops_lab
(detecção de formato, unificação de grafias, esquema, empacotamento).
"""

import sys

import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

SEED = 42
df = pd.read_csv(sys.argv[1], sep=";", decimal=",").drop_duplicates()
df = df[df["cancelou"].notna()]
y = df["cancelou"].str.strip().str.lower().str[0].map({"s": "Sim", "n": "Não"})
X = df.drop(columns=["cancelou", "id_cliente"])
numericas = X.select_dtypes("number").columns.tolist()
categoricas = [c for c in X.columns if c not in numericas]
pre = ColumnTransformer([
    ("num", Pipeline([("imp", SimpleImputer(strategy="median")), ("esc", StandardScaler())]),
     numericas),
    ("cat", Pipeline([("imp", SimpleImputer(strategy="most_frequent")),
                      ("oh", OneHotEncoder(handle_unknown="ignore", sparse_output=False))]),
     categoricas),
])
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED,
                                                    stratify=y)
candidatos = [
    (LogisticRegression(max_iter=1000), {"m__C": [0.1, 1.0, 10.0]}),
    (RandomForestClassifier(n_estimators=100, random_state=SEED),
     {"m__max_depth": [6, 12], "m__min_samples_leaf": [1, 5]}),
    (HistGradientBoostingClassifier(max_iter=150, random_state=SEED),
     {"m__learning_rate": [0.05, 0.1], "m__max_depth": [3, None]}),
]
cv = StratifiedKFold(3, shuffle=True, random_state=SEED)
melhor = None
for estimador, grade in candidatos:
    busca = GridSearchCV(Pipeline([("pre", pre), ("m", estimador)]), grade, cv=cv,
                         scoring="f1_macro").fit(X_train, y_train)
    if melhor is None or busca.best_score_ > melhor.best_score_:
        melhor = busca
previsto = melhor.best_estimator_.predict(X_test)
print(f"f1 no teste: {f1_score(y_test, previsto, pos_label='Sim'):.3f}")
