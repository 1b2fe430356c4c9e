"""Exercícios do capítulo "Dados no tempo certo" (parte Em produção)."""

from mlops_lab.exercises.core import FunctionCases, MultipleChoice, Numeric

_MESES = [f"2025-{m:02d}" for m in range(1, 11)]

q1 = FunctionCases(
    "q1", "resposta_1",
    "Escreva `divide_no_tempo(periodos, n_teste, gap)`: `periodos` é a lista dos períodos "
    "em ordem (`\"2025-01\"`, `\"2025-02\"`...). Devolva o par `(treino, teste)`: o teste "
    "são os `n_teste` últimos períodos; antes deles, `gap` períodos ficam de fora; o "
    "treino é o resto.",
    cases=[((_MESES, 2, 3), (_MESES[:5], _MESES[8:]), "10 meses, 2 de teste e 3 de intervalo"),
           ((_MESES, 2, 0), (_MESES[:8], _MESES[8:]), "sem intervalo: o treino encosta no teste"),
           ((_MESES, 1, 1), (_MESES[:8], _MESES[9:]), "um de teste, um de intervalo"),
           ((_MESES[:4], 1, 2), (_MESES[:1], _MESES[3:4]), "só um período sobra para o treino")],
    hints=["O teste é o fim da lista: `periodos[-n_teste:]`.",
           "O treino termina `n_teste + gap` períodos antes do fim: "
           "`periodos[:len(periodos) - n_teste - gap]`."],
    solution="def divide_no_tempo(periodos, n_teste, gap):\n"
             "    fim_treino = len(periodos) - n_teste - gap\n"
             "    return periodos[:fim_treino], periodos[-n_teste:]\n"
             "resposta_1 = divide_no_tempo",
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "Nos dados mensais do curso, a divisão aleatória deu AUC maior que a divisão fora do "
    "tempo, com o mesmo modelo. Por quê?",
    {"a": "Porque a divisão aleatória usa mais linhas no treino do que a divisão fora do "
          "tempo, e mais dados de treino sempre dão uma AUC maior no teste.",
     "b": "Porque a regressão logística não aceita uma coluna de datas e, na divisão fora do "
          "tempo, o mês de referência fica de fora dos atributos do modelo.",
     "c": "Porque na divisão fora do tempo o teste tem menos clientes que cancelaram, e a "
          "AUC é sempre menor quando a classe positiva é mais rara.",
     "d": "Porque o sorteio põe no treino meses depois do concorrente: o modelo aprende a "
          "regra nova, que ele não conheceria em produção."},
    "d",
    "Em produção o modelo sempre prevê um futuro que ele não viu. A divisão aleatória "
    "mistura passado e futuro no treino e mede um desempenho que ele não vai ter.",
    hints=["O que muda no mundo entre o treino e o teste em cada divisão? Pense no "
           "concorrente que chega em 2025."],
    why_wrong={"a": "As duas divisões treinam com quantidades parecidas; e o que pesa aqui é "
                    "de quando são as linhas do treino, não quantas são.",
               "b": "O mês sai dos atributos nas duas divisões: o modelo nunca usa o mês.",
               "c": "A AUC não depende da proporção de positivos; e, nestes dados, o teste "
                    "fora do tempo tem até mais cancelamentos."},
)

q3 = Numeric(
    "q3", "resposta_3",
    "São 24 meses de retratos, `--test-size 0.2` e `--gap 3`. Quantos meses ficam no "
    "treino? (O teste tem `round(0,2 × 24)` meses.)",
    expected=16,
    known=[(19, "Você tirou o teste, mas esqueceu o intervalo (`--gap`) de 3 meses."),
           (19.2, "O teste é um número inteiro de meses: round(0,2 × 24) = 5."),
           (21, "O intervalo fica de fora, mas o teste também: tire os dois.")],
    hints=["Teste: round(0,2 × 24) = 5 meses. Intervalo: 3.", "24 − 5 − 3."],
    solution="resposta_3 = 24 - round(0.2 * 24) - 3",
    unit="meses",
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "O retrato de março de 2025 é usado para prever em 1º de abril, 00:00. Qual junção dos "
    "chamados ao suporte é a certa para treinar esse retrato?",
    {"a": "O último chamado do cliente com `data_hora` anterior a 1º de abril, 00:00 "
          "(`merge_asof` para trás).",
     "b": "O último chamado do cliente na tabela inteira, que é o valor mais atualizado que a "
          "empresa tem dele quando o modelo é treinado.",
     "c": "O primeiro chamado do cliente depois de 1º de abril, porque mostra a insatisfação "
          "que leva ao cancelamento nos próximos meses.",
     "d": "A média das notas de todos os chamados do cliente, antes e depois de abril, para "
          "diminuir o ruído de um chamado só."},
    "a",
    "Um atributo só vale se já existia no instante da previsão. A junção *as-of* reproduz, "
    "no treino, o que o modelo teria em produção.",
    hints=["Pergunte de cada opção: em 1º de abril, 00:00, a empresa já tinha esse valor?"],
    why_wrong={"b": "Para um retrato antigo, o valor mais atual veio do futuro: é a junção "
                    "com vazamento, que infla a AUC.",
               "c": "É exatamente a informação que o modelo não terá em produção.",
               "d": "A média mistura chamados futuros: vaza do mesmo jeito, só que diluído."},
)


def _ultima(chamados, instante):
    antes = [nota for momento, nota in chamados if momento < instante]
    return antes[-1] if antes else None


_CHAMADOS = [("2025-01-10", 4), ("2025-02-03", 2), ("2025-03-31", 1), ("2025-04-01", 5)]

q5 = FunctionCases(
    "q5", "resposta_5",
    "Escreva `ultima_nota(chamados, instante)`: `chamados` é uma lista de pares `(data, "
    "nota)` em ordem de data, com datas no formato `\"AAAA-MM-DD\"`. Devolva a nota do último "
    "chamado **estritamente antes** de `instante` (o mesmo que `allow_exact_matches=False`), "
    "ou `None` se não houver nenhum.",
    cases=[((_CHAMADOS, "2025-03-01"), 2, "o último antes de março é o de fevereiro"),
           ((_CHAMADOS, "2025-04-01"), 1, "o chamado do próprio instante fica de fora"),
           ((_CHAMADOS, "2025-04-02"), 5, "depois de todos: o último"),
           ((_CHAMADOS, "2025-01-01"), None, "nenhum chamado antes"),
           (([], "2025-01-01"), None, "cliente sem chamados")],
    hints=["Textos `AAAA-MM-DD` comparam na ordem das datas: `\"2025-03-31\" < \"2025-04-01\"`.",
           "Filtre os chamados com `data < instante` e pegue a nota do último, se houver."],
    solution="def ultima_nota(chamados, instante):\n"
             "    antes = [nota for data, nota in chamados if data < instante]\n"
             "    return antes[-1] if antes else None\n"
             "resposta_5 = ultima_nota",
)

QUESTIONS = [q1, q2, q3, q4, q5]
