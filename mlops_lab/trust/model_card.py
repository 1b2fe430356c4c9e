"""O cartão do modelo (*model card*), em português, que ``mlops-lab run`` grava com o modelo.

:func:`render_model_card` monta o texto só com o que a execução registrou
(``metadata.json``, ``metrics.json``) e com as métricas por subgrupo no teste;
:func:`write_model_card` calcula os subgrupos e grava ``model_card.md`` (pela gravação
atômica de :mod:`mlops_lab._fs`, dentro da pasta temporária da execução).
As seções seguem Mitchell et al. (2019), "Model Cards for Model Reporting".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mlops_lab import _fs

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

__all__ = ["MODEL_CARD_FILE", "SECTIONS", "KNOWN_DATASETS", "subgroup_tables",
           "render_model_card", "write_model_card"]

MODEL_CARD_FILE = "model_card.md"
#: Os títulos das seções do cartão, na ordem.
SECTIONS = ("Detalhes do modelo", "Uso pretendido", "Usos fora do escopo", "Dados de treino",
            "Métricas no teste", "Métricas por subgrupo", "Calibração", "Limitações",
            "Considerações éticas", "Versão e linhagem")

#: Os conjuntos embutidos: arquivo -> (uso pretendido, usos fora do escopo).
KNOWN_DATASETS = {
    "telecom_churn.csv": (
        "Ordenar os clientes da operadora fictícia do curso pelo risco de cancelar, para que "
        "a equipe de retenção escolha quem contatar (a decisão é de uma pessoa, com o limiar "
        "escolhido pelo custo dos erros).",
        "Decidir preços, cobrança, crédito ou atendimento de pessoas reais; qualquer uso com "
        "clientes reais, já que os dados são sintéticos."),
    "credito_inadimplencia.csv": (
        "Praticar o ciclo de MLOps com um problema de crédito fictício (o projeto final do "
        "curso).",
        "Conceder ou negar crédito a pessoas reais: os dados são sintéticos, e um modelo de "
        "crédito real exige explicações a quem teve o crédito negado e análise de justiça."),
    "clientes_mensais.csv": (
        "Estimar, mês a mês, o risco de cada cliente fictício cancelar nos três meses "
        "seguintes, treinando no passado e testando no futuro (o capítulo de dados no tempo).",
        "Decidir sobre clientes reais, ou tirar dos dados conclusões sobre como clientes "
        "reais cancelam: os efeitos e a mudança de 2025 foram escolhidos pelo curso."),
}
_SEM_USO = ("(A preencher pela equipe: para que o modelo serve e quem decide com ele.)",
            "(A preencher pela equipe: decisões e populações para as quais ele não foi feito.)")


def _numero(valor: object) -> str:
    """Número no formato do livro: 3 casas com vírgula; inteiros com ponto de milhar.

    Examples
    --------
    >>> _numero(0.12345), _numero(1197), _numero("x")
    ('0,123', '1.197', 'x')
    """
    import numbers

    if isinstance(valor, numbers.Integral):
        return f"{int(valor):,}".replace(",", ".")
    if isinstance(valor, numbers.Real):
        return f"{float(valor):.3f}".replace(".", ",")
    return str(valor)


def _tabela(df: pd.DataFrame, indice: str) -> str:
    colunas = [indice, *map(str, df.columns)]
    linhas = ["| " + " | ".join(colunas) + " |", "|" + "---|" * len(colunas)]
    for nome, linha in df.astype(object).iterrows():
        linhas.append("| " + " | ".join([str(nome), *map(_numero, linha.tolist())]) + " |")
    return "\n".join(linhas)


def subgroup_tables(model: Pipeline, X_test: pd.DataFrame, y_test: pd.Series,
                    positive: str) -> dict[str, tuple[pd.DataFrame, dict[str, float]]]:
    """Por coluna de grupo (:func:`~mlops_lab.trust.fairness.group_columns`): a tabela por
    grupo e as diferenças de paridade demográfica e de igualdade de oportunidade."""
    from mlops_lab.trust.fairness import fairness_gaps, group_columns, group_report

    previsto = model.predict(X_test)
    return {nome: (group_report(y_test, previsto, grupos, positive),
                   fairness_gaps(y_test, previsto, grupos, positive))
            for nome, grupos in group_columns(X_test).items()}


def _dados(metadata: dict) -> list[str]:
    dados, limpeza = metadata["data"], metadata.get("cleaning", {})
    divisao = metadata.get("time_split")
    teste = (f"{metadata['test_size']:.0%} separadas para o teste" if divisao is None else
             f"divisão fora do tempo por `{divisao['column']}`: treino até {divisao['cutoff']}, "
             f"{divisao['gap']} período(s) de intervalo, teste de {divisao['test_periods'][0]} "
             f"a {divisao['test_periods'][-1]}")
    linhas = [f"- Arquivo: `{dados['file']}`, {dados['rows']} linhas depois da limpeza "
              f"({teste}).",
              f"- Limpeza: {limpeza.get('linhas_iniciais')} linhas lidas, "
              f"{limpeza.get('linhas_duplicadas')} duplicadas e "
              f"{limpeza.get('linhas_sem_rotulo')} sem rótulo removidas."]
    if dados["file"] in KNOWN_DATASETS:
        linhas.append("- Cartão dos dados: `mlops_lab/datasets/README.md`; *datasheet* (as "
                      "perguntas de Gebru et al.): `mlops_lab/datasets/DATASHEET.md`.")
    else:
        linhas.append("- Cartão dos dados: nenhum registrado. Escreva um (origem, coleta, "
                      "colunas, limites) e guarde-o com os dados.")
    return linhas


def _subgrupos(subgroups: dict) -> list[str]:
    if not subgroups:
        return ["Nenhuma coluna de grupo (texto com 2 a 6 valores) nos dados."]
    linhas = ["Decisões com o limiar padrão do modelo (0,5). As colunas são grupos de "
              "comparação, não atributos protegidos (os dados não têm nenhum)."]
    for nome, (tabela, lacunas) in subgroups.items():
        linhas += ["", f"### `{nome}`", "", _tabela(tabela, "grupo"), ""]
        linhas += [f"- {k}: {_numero(v)}" for k, v in lacunas.items()]
    return linhas


def _calibracao(record: dict) -> list[str]:
    cal = record.get("calibration")
    if not cal:
        return ["Não medida: a calibração do curso é a de problemas com duas classes."]
    return [f"- Escore de Brier: {_numero(cal['brier'])} (0 é perfeito).",
            f"- Erro de calibração esperado (ECE), {cal['ece_bins']} faixas iguais: "
            f"{_numero(cal['ece'])}.",
            "- Com probabilidades calibradas, o limiar pelo custo fica perto de "
            "custo do contato / custo da perda; sem elas, escolha-o em dados de validação."]


def render_model_card(metadata: dict, record: dict, subgroups: dict) -> str:
    """O texto de ``model_card.md``, a partir de ``metadata.json``, ``metrics.json`` e dos
    subgrupos de :func:`subgroup_tables`."""
    import pandas as pd

    uso, fora = KNOWN_DATASETS.get(metadata["data"]["file"], _SEM_USO)
    testes = pd.DataFrame({"valor": record["test"]})
    from mlops_lab.package import library_versions

    libs = metadata.get("libraries") or library_versions()
    secoes = {
        SECTIONS[0]: [f"- Alvo: `{metadata['target']}`; classe positiva: "
                      f"`{metadata.get('positive_label')}`; classes: {metadata['classes']}.",
                      f"- Algoritmo: `{metadata['algorithm']}`, hiperparâmetros "
                      f"`{metadata['params']}`, escolhidos por validação cruzada "
                      f"({metadata['cv']['folds']} partes, {metadata['cv']['scoring']} = "
                      f"{_numero(metadata['cv']['score'])})."],
        SECTIONS[1]: [uso], SECTIONS[2]: [fora], SECTIONS[3]: _dados(metadata),
        SECTIONS[4]: [_tabela(testes, "métrica")], SECTIONS[5]: _subgrupos(subgroups),
        SECTIONS[6]: _calibracao(record),
        SECTIONS[7]: ["- Medido num único conjunto de teste; grupos pequenos têm métricas "
                      "ruidosas.", "- Vale para dados parecidos com os de treino: o "
                      "monitoramento de *drift* (`reference.json`) avisa quando deixam de ser."],
        SECTIONS[8]: ["- Compare os erros entre grupos antes de cada implantação; as métricas "
                      "de justiça entram em conflito entre si, e a escolha é da equipe com a "
                      "área de negócio.", "- Quem é afetado por uma decisão automatizada pode "
                      "pedir revisão (LGPD, art. 20)."],
        SECTIONS[9]: [f"- Semente: {metadata['seed']}.",
                      f"- *Hash* (sha256) do arquivo: `{metadata['data']['file_sha256']}`.",
                      f"- *Hash* dos dados limpos: `{metadata['data']['clean_sha256']}`.",
                      "- Código e bibliotecas: " + ", ".join(f"{k} {v}" for k, v in libs.items())
                      + "."],
    }
    partes = [f"# Cartão do modelo: `{metadata['target']}` ({metadata['algorithm']})", "",
              "Gerado por `mlops-lab run` a partir de `metadata.json` e `metrics.json`."]
    for titulo, linhas in secoes.items():
        partes += ["", f"## {titulo}", "", *linhas]
    return "\n".join(partes) + "\n"


def write_model_card(folder: str | Path, model: Pipeline, metadata: dict, record: dict,
                     X_test: pd.DataFrame, y_test: pd.Series) -> Path:
    """Grava ``model_card.md`` em ``folder`` (a pasta temporária da execução)."""
    positivo = metadata.get("positive_label")
    subgrupos = (subgroup_tables(model, X_test, y_test, positivo) if positivo is not None
                 else {})
    return _fs.write_text(Path(folder) / MODEL_CARD_FILE,
                          render_model_card(metadata, record, subgrupos))
