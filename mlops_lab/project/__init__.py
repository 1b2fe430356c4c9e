"""O projeto final: um modelo de projeto (``new-project``) e o corretor (``check-project``).

- :mod:`mlops_lab.project.new` cria um projeto completo sobre os dados de quem estuda;
- :mod:`mlops_lab.project.rubric` é a rubrica publicada (critérios, pontos, conselhos);
- :mod:`mlops_lab.project.check` roda o projeto num clone novo e dá a nota;
- :mod:`mlops_lab.project.report` mostra o resultado em Markdown ou JSON;
- :mod:`mlops_lab.project.batch` corrige uma turma (modo de quem ensina, ``--csv``);
- :mod:`mlops_lab.project.track` é o estágio ``track`` do projeto (registro no MLflow).

Nada aqui importa bibliotecas pesadas na importação.
"""
