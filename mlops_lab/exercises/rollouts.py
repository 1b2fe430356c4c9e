"""Exercícios do capítulo "Lançando um modelo novo com segurança" (parte Em produção)."""

from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

# Os resultados do teste A/B do exercício 5: renovou (1) ou cancelou (0), por cliente.
CONTROLE = [1] * 712 + [0] * 288
TRATAMENTO = [1] * 748 + [0] * 252


def _no_candidato() -> int:
    from mlops_lab.serve.rollout import bucket

    return sum(bucket(f"CLI-{i:06d}", "canary") < 0.2 for i in range(1000))


def _amostra(baseline: float = 0.70, mde: float = 0.03) -> int:
    from mlops_lab.serve.ab_stats import sample_size

    return sample_size(baseline, mde)


def _efeito(campo: str) -> float:
    from mlops_lab.serve.ab_stats import ab_effect

    return ab_effect(CONTROLE, TRATAMENTO)[campo]


q1 = Numeric(
    "q1", "resposta_1",
    "No canário com fração 0,2, quantos dos mil clientes `CLI-000000` a `CLI-000999` vão para "
    "o candidato? Use `bucket(chave, \"canary\")`: o cliente vai para o candidato quando o "
    "número é menor que a fração.",
    expected=_no_candidato,
    integer=True,
    known=[(200, "200 é o que se espera **em média** (20% de mil); a divisão pelo *hash* "
                 "varia em torno disso, como um sorteio. Conte os clientes de verdade."),
           (lambda: 1000 - _no_candidato(),
            "Esses são os que ficam com o campeão: conte os de número **menor** que 0,2.")],
    hints=["Monte as chaves com `f\"CLI-{i:06d}\"` para `i` de 0 a 999.",
           "`sum(bucket(f\"CLI-{i:06d}\", \"canary\") < 0.2 for i in range(1000))`"],
    solution="resposta_1 = sum(bucket(f'CLI-{i:06d}', 'canary') < 0.2 for i in range(1000))",
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "O candidato está na **sombra** há uma semana. O que o diário da sombra **não** pode "
    "dizer?",
    {"a": "Em quantos clientes o candidato prevê a mesma classe "
          "que o campeão, contados na sombra durante o teste inteiro.",
     "b": "A latência do candidato com o tráfego de produção.",
     "c": "Se os clientes que o candidato mandaria para a oferta de retenção renovam mais.",
     "d": "Se o candidato falha com algum registro de produção."},
    "c",
    "Na sombra, ninguém age pela previsão do candidato: o resultado de negócio de uma "
    "decisão que não foi tomada não existe. Para medi-lo, é preciso um canário ou um "
    "teste A/B.",
    hints=["Pense no que acontece com a previsão do candidato depois que ele a calcula."],
    why_wrong={"a": "A concordância é justamente o que a sombra mede: os dois modelos preveem "
                    "os mesmos registros.",
               "b": "O candidato prevê cada requisição de verdade, e o diário anota quanto "
                    "tempo ele levou.",
               "d": "Os erros do candidato também vão para o diário (e nunca para a resposta)."},
)

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `deve_reverter(erros, chamadas, limite, minimo)`: devolve `True` quando há pelo "
    "menos `minimo` chamadas e a taxa de erro (`erros / chamadas`) passa de `limite`; "
    "`False` em qualquer outro caso.",
    cases=[((3, 4, 0.05, 20), False, "4 chamadas: ainda cedo para decidir"),
           ((3, 40, 0.05, 20), True, "7,5% de erro em 40 chamadas"),
           ((2, 40, 0.05, 20), False, "5% de erro: igual ao limite, não passa dele"),
           ((0, 0, 0.05, 20), False, "nenhuma chamada ainda"),
           ((20, 20, 0.05, 20), True, "tudo falhou, e já são 20 chamadas")],
    hints=["Com poucas chamadas, um erro só já dá uma taxa alta: por isso o mínimo.",
           "Confira primeiro `chamadas >= minimo`; só então calcule a taxa (e use `>`, não "
           "`>=`)."],
    solution="def deve_reverter(erros, chamadas, limite, minimo):\n"
             "    return chamadas >= minimo and erros / chamadas > limite\n"
             "resposta_3 = deve_reverter",
)

q4 = Numeric(
    "q4", "resposta_4",
    "Hoje 70% dos clientes abordados pela campanha de retenção renovam. Quantos clientes "
    "**por braço** o teste A/B precisa para enxergar uma melhora de 3 pontos (de 70% para "
    "73%), com alfa de 5% e poder de 80%? Use `sample_size`.",
    expected=_amostra,
    integer=True,
    known=[(lambda: 2 * _amostra(), "Esse é o total dos dois braços; a pergunta pede por "
                                    "braço, que é o que `sample_size` devolve."),
           (lambda: _amostra(0.70, 0.20), "O efeito é de 3 **pontos**: `mde=0.03`, não 0,2."),
           (lambda: _amostra(0.03, 0.70), "Os argumentos estão trocados: primeiro a taxa de "
                                          "hoje (`baseline=0.70`), depois o efeito "
                                          "(`mde=0.03`).")],
    hints=["`sample_size(baseline, mde)`: a taxa de hoje e o menor efeito que interessa, "
           "ambos como frações.",
           "`sample_size(0.70, 0.03)` (alfa e poder já são 0,05 e 0,8 por padrão)."],
    solution="resposta_4 = sample_size(0.70, 0.03)",
)

q5 = Numeric(
    "q5", "resposta_5",
    "Com os resultados `CONTROLE` (campeão) e `TRATAMENTO` (candidato) do teste A/B, calcule "
    "o efeito com `ab_effect` e guarde em `resposta_5` o **limite inferior** do intervalo de "
    "confiança de 95% da diferença.",
    expected=lambda: _efeito("ci_low"),
    abs_tol=5e-4,
    known=[(lambda: _efeito("difference"), "Essa é a diferença estimada, o centro do "
                                           "intervalo; a pergunta pede o limite inferior."),
           (lambda: _efeito("ci_high"), "Esse é o limite superior (`ci_high`)."),
           (lambda: -_efeito("ci_high"), "O sinal está trocado: `ab_effect(controle, "
                                         "tratamento)` mede tratamento menos controle.")],
    hints=["`efeito = ab_effect(CONTROLE, TRATAMENTO)` devolve um dicionário.",
           "O limite inferior está em `efeito[\"ci_low\"]`."],
    solution="resposta_5 = ab_effect(CONTROLE, TRATAMENTO)['ci_low']",
)

QUESTIONS = [q1, q2, q3, q4, q5]
