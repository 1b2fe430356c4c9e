"""Exercícios do capítulo "Dados pessoais e a LGPD" (parte Em produção)."""

import math

from mlops_lab.exercises.core import ChainedChecks, FunctionCases, MultipleChoice, Numeric

#: A chave dos exercícios: de brinquedo e pública de propósito (uma chave de verdade
#: nunca fica no código).
CHAVE_EXERCICIO = b"chave-de-brinquedo-do-exercicio"  # pragma: allowlist secret


def _pseudonimo_certo(resposta):
    import hashlib

    from mlops_lab.lgpd import pseudonym

    if not isinstance(resposta, str):
        return f"esperava o texto do pseudônimo, recebi {type(resposta).__name__}"
    texto = resposta.strip().lower()
    if texto == "cli-000007":
        return "esse é o identificador original: a questão pede o pseudônimo dele"
    sem_chave = hashlib.sha256(b"CLI-000007").hexdigest()
    if texto in (sem_chave, sem_chave[:32]):
        return ("esse é o sha256 **sem chave**: qualquer um refaz a conta a partir da lista "
                "de identificadores possíveis. Use `pseudonym(..., CHAVE_EXERCICIO)`")
    return texto == pseudonym("CLI-000007", CHAVE_EXERCICIO) or (
        "não é o pseudônimo de `CLI-000007` com `CHAVE_EXERCICIO`: confira o identificador "
        "(seis dígitos) e a chave")


q1 = ChainedChecks(
    "q1", "resposta_1",
    "Calcule com `pseudonym` o pseudônimo do cliente `CLI-000007` com a chave "
    "`CHAVE_EXERCICIO` e guarde-o em `resposta_1`.",
    checks=[(_pseudonimo_certo, "é o HMAC-SHA256 com a chave: só quem tem a chave refaz",
             "o pseudônimo não confere")],
    hints=["`pseudonym(valor, chave)` devolve o texto de 32 dígitos hexadecimais.",
           "`resposta_1 = pseudonym(\"CLI-000007\", CHAVE_EXERCICIO)`."],
    solution="resposta_1 = pseudonym('CLI-000007', CHAVE_EXERCICIO)",
    expects=str,
)

q2 = MultipleChoice(
    "q2", "resposta_2",
    "A empresa troca `id_cliente` pelo HMAC com uma chave que ela mesma guarda num cofre, e "
    "entrega a base à equipe de dados. Para a LGPD, a base entregue é:",
    {"a": "Dado anonimizado: sem o identificador original, ninguém de fora sabe quem "
          "é o cliente, então sai do alcance da lei (art. 12).",
     "b": "Dado pessoal pseudonimizado: a empresa tem a chave e pode refazer a ligação, "
          "então a lei continua valendo.",
     "c": "Dado pessoal sensível, porque passou por um algoritmo de criptografia.",
     "d": "Dado público, porque o HMAC é um algoritmo conhecido."},
    "b",
    "Pseudonimizar reduz o risco, mas o dado continua pessoal para quem guarda a informação "
    "adicional (a chave), art. 13, § 4º; só deixa de ser pessoal o dado que não se liga de "
    "volta à pessoa com esforço razoável (art. 12).",
    hints=["Releia a diferença entre dado anonimizado e pseudonimizado no capítulo: quem pode "
           "refazer a ligação com a pessoa?"],
    why_wrong={"a": "Anonimizado é o dado que não se liga à pessoa por meios razoáveis; aqui a "
                    "própria empresa liga, com a chave que guarda.",
               "c": "Sensível é uma categoria de conteúdo (saúde, origem racial, biometria...: "
                    "art. 5º, II), não de técnica.",
               "d": "Conhecer o algoritmo não basta: sem a chave ninguém refaz o HMAC; com "
                    "ela, a empresa refaz. Nada disso torna o dado público."},
)

_LINHAGENS = {"v1": {"train": ["a1", "b2"], "test": ["c3"]},
              "v2": {"train": ["b2", "d4"], "test": ["a1"]},
              "v3": {"train": ["d4"], "test": []}}

q3 = FunctionCases(
    "q3", "resposta_3",
    "Escreva `versoes_afetadas(pseudonimo, linhagens)`: `linhagens` é um dicionário "
    "versão -> registro, cada registro com as listas `\"train\"` e `\"test\"` de "
    "pseudônimos (como no `lineage.json`). Devolva, em ordem alfabética, as versões cujo "
    "**treino** contém o pseudônimo.",
    cases=[(("b2", _LINHAGENS), ["v1", "v2"], "no treino de duas versões"),
           (("a1", _LINHAGENS), ["v1"], "no treino de v1 e só no teste de v2"),
           (("c3", _LINHAGENS), [], "só no teste: nenhum modelo aprendeu com ele"),
           (("zz", _LINHAGENS), [], "em nenhuma versão"),
           (("d4", {"v9": {"train": ["d4"], "test": []}, "v10": {"train": ["d4"],
                                                                "test": []}}),
            ["v10", "v9"], "ordem alfabética dos nomes")],
    hints=["Percorra `linhagens.items()` e guarde o nome quando o pseudônimo está em "
           "`registro[\"train\"]`.",
           "Só o treino conta: a lista `\"test\"` fica de fora. Termine com `sorted(...)`."],
    solution="def versoes_afetadas(pseudonimo, linhagens):\n"
             "    return sorted(v for v, r in linhagens.items() if pseudonimo in r['train'])\n"
             "resposta_3 = versoes_afetadas",
)

q4 = MultipleChoice(
    "q4", "resposta_4",
    "Chega um pedido de eliminação (art. 18, VI). O cliente está no treino do modelo em "
    "produção e de uma versão antiga arquivada. O que a política do capítulo manda fazer?",
    {"a": "Apagar as linhas dele dos dados brutos e pronto: o modelo não guarda linhas.",
     "b": "Nada: os dados de treino estão pseudonimizados.",
     "c": "Tirá-lo dos dados e dos atributos, retreinar o modelo em uso sem ele no prazo da "
          "política, e apagar ou retirar a versão arquivada (salvo se uma hipótese do art. 16 "
          "justificar guardá-la), registrando o que foi feito.",
     "d": "Retreinar só a versão arquivada, que é a mais antiga."},
    "c",
    "Os dados, os atributos derivados e os modelos treinados com ele entram na conta; a "
    "linhagem diz quais versões, e o registro do que foi feito é a sua prova.",
    hints=["Pense em tudo o que foi derivado dos dados do cliente, não só no arquivo de "
           "origem."],
    why_wrong={"a": "Os atributos e os modelos continuam derivados dos dados dele; um modelo "
                    "pode até memorizar exemplos de treino.",
               "b": "Pseudonimizado ainda é dado pessoal: o pedido vale do mesmo jeito.",
               "d": "O modelo em produção é o que mais importa: ele continua em uso com os "
                    "dados do cliente."},
)


def _bloom(n, p):
    return -n * math.log(p) / math.log(2) ** 2


q5 = Numeric(
    "q5", "resposta_5",
    "Um filtro de Bloom com `n` elementos e taxa de falsos positivos `p` precisa de "
    "`m = -n * ln(p) / (ln 2)**2` bits. Quantos bits para os 4.800 pseudônimos de um treino "
    "com `p = 0,01`? (Um número; a tolerância é de 0,1%.)",
    expected=lambda: _bloom(4800, 0.01),
    rel_tol=1e-3,
    known=[(lambda: _bloom(4800, 0.01) / 8, "Isso está em bytes; a questão pede bits."),
           (lambda: -4800 * math.log10(0.01) / math.log(2) ** 2,
            "Você usou o logaritmo na base 10 em `ln(p)`; use `math.log` (o natural)."),
           (lambda: -4800 * math.log(0.01) / math.log(2),
            "Faltou elevar `ln 2` ao quadrado no denominador.")],
    hints=["Em Python, `math.log` é o logaritmo natural (ln).",
           "`-4800 * math.log(0.01) / math.log(2) ** 2`."],
    solution="import math\nresposta_5 = -4800 * math.log(0.01) / math.log(2) ** 2",
    unit="bits",
)

QUESTIONS = [q1, q2, q3, q4, q5]
